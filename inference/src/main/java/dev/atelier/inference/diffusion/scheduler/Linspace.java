package dev.atelier.inference.diffusion.scheduler;

/** numpy's {@code linspace} with the endpoint included, in double: {@code start + i·step}, the last value exact. */
final class Linspace {

    private Linspace() {}

    static double[] of(double start, double stop, int count) {
        double[] v = new double[count];
        if (count == 1) {
            v[0] = start;
            return v;
        }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) {
            v[i] = i * step + start;
        }
        v[count - 1] = stop;
        return v;
    }
}
