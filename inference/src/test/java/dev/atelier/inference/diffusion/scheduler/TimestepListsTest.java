package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every timestep list of the notes' SD reference table (scaled_linear, N = 1000), per spacing and scheduler. */
class TimestepListsTest {

    static Stream<Arguments> ddimLists() {
        return Stream.of(
                Arguments.of(TimestepSpacing.LEADING, new int[] {951, 901, 851, 801, 751, 701, 651, 601, 551, 501,
                    451, 401, 351, 301, 251, 201, 151, 101, 51, 1}),
                Arguments.of(TimestepSpacing.TRAILING, new int[] {999, 949, 899, 849, 799, 749, 699, 649, 599, 549,
                    499, 449, 399, 349, 299, 249, 199, 149, 99, 49}),
                Arguments.of(TimestepSpacing.LINSPACE, new int[] {999, 946, 894, 841, 789, 736, 684, 631, 578, 526,
                    473, 421, 368, 315, 263, 210, 158, 105, 53, 0}),
                Arguments.of(TimestepSpacing.LEADING, new int[] {961, 921, 881, 841, 801, 761, 721, 681, 641, 601,
                    561, 521, 481, 441, 401, 361, 321, 281, 241, 201, 161, 121, 81, 41, 1}),
                Arguments.of(TimestepSpacing.TRAILING, new int[] {999, 959, 919, 879, 839, 799, 759, 719, 679, 639,
                    599, 559, 519, 479, 439, 399, 359, 319, 279, 239, 199, 159, 119, 79, 39}),
                Arguments.of(TimestepSpacing.LINSPACE, new int[] {999, 957, 916, 874, 832, 791, 749, 708, 666, 624,
                    583, 541, 500, 458, 416, 375, 333, 291, 250, 208, 166, 125, 83, 42, 0}),
                Arguments.of(TimestepSpacing.LEADING, new int[] {981, 961, 941, 921, 901, 881, 861, 841, 821, 801,
                    781, 761, 741, 721, 701, 681, 661, 641, 621, 601, 581, 561, 541, 521, 501, 481, 461, 441, 421,
                    401, 381, 361, 341, 321, 301, 281, 261, 241, 221, 201, 181, 161, 141, 121, 101, 81, 61, 41, 21, 1}),
                Arguments.of(TimestepSpacing.TRAILING, new int[] {999, 979, 959, 939, 919, 899, 879, 859, 839, 819,
                    799, 779, 759, 739, 719, 699, 679, 659, 639, 619, 599, 579, 559, 539, 519, 499, 479, 459, 439,
                    419, 399, 379, 359, 339, 319, 299, 279, 259, 239, 219, 199, 179, 159, 139, 119, 99, 79, 59, 39, 19}),
                Arguments.of(TimestepSpacing.LINSPACE, new int[] {999, 979, 958, 938, 917, 897, 877, 856, 836, 816,
                    795, 775, 754, 734, 714, 693, 673, 652, 632, 612, 591, 571, 550, 530, 510, 489, 469, 449, 428,
                    408, 387, 367, 347, 326, 306, 285, 265, 245, 224, 204, 183, 163, 143, 122, 102, 82, 61, 41, 20, 0}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ddimLists")
    void ddimTimesteps(TimestepSpacing spacing, int[] expected) {
        // SD's steps_offset 1 applies to leading only.
        DdimScheduler ddim = new DdimScheduler(Dummy.sd().withSpacing(spacing));
        ddim.setTimesteps(expected.length);
        assertArrayEquals(Dummy.floats(expected), ddim.timesteps());
    }

    @Test
    void ddimDefaultsToLeading() {
        DdimScheduler ddim = new DdimScheduler(Dummy.sd());
        ddim.setTimesteps(20);
        assertEquals(951, ddim.timesteps()[0]);
    }

    @Test
    void eulerLinspaceKeepsFloatTimesteps() {
        EulerScheduler euler = new EulerScheduler(Dummy.sd());
        euler.setTimesteps(20);
        assertArrayEquals(new float[] {999f, 946.421082f, 893.842102f, 841.263184f, 788.684204f, 736.105286f,
            683.526306f, 630.947388f, 578.368408f, 525.78949f, 473.210541f, 420.631592f, 368.052643f, 315.473694f,
            262.894745f, 210.315796f, 157.736847f, 105.157898f, 52.578949f, 0f}, euler.timesteps(), 1e-3f);
        assertRelative(new float[] {14.6146555f, 10.7468567f, 8.08154106f, 6.20495415f, 4.85566711f, 3.86538553f,
            3.12376904f, 2.55716872f, 2.11566162f, 1.76482487f, 1.48058236f, 1.24581528f, 1.04814279f, 0.878429532f,
            0.729719162f, 0.596434891f, 0.473585963f, 0.355546832f, 0.23216784f, 0.0291675329f, 0f},
            euler.sigmas());
        assertEquals(14.614655, euler.initNoiseSigma(), 1e-5);
        euler.setTimesteps(25);
        assertRelative(new float[] {14.614655f, 11.435948f, 9.076814f, 7.301998f}, head(euler.sigmas(), 4));
        euler.setTimesteps(50);
        assertRelative(new float[] {14.614655f, 12.936786f, 11.491656f, 10.242920f}, head(euler.sigmas(), 4));
    }

    @Test
    void eulerLeadingWithOffsetAddsUnitVarianceToInitSigma() {
        EulerScheduler euler = new EulerScheduler(Dummy.sd().withSpacing(TimestepSpacing.LEADING));
        euler.setTimesteps(20);
        assertEquals(951, euler.timesteps()[0]);
        assertEquals(1, euler.timesteps()[19]);
        assertEquals(11.028342, euler.sigmas()[0], 1e-5);
        assertEquals(11.073587, euler.initNoiseSigma(), 1e-5);
        euler.setTimesteps(25);
        assertEquals(11.676058, euler.sigmas()[0], 1e-5);
        assertEquals(11.718802, euler.initNoiseSigma(), 1e-5);
        euler.setTimesteps(50);
        assertEquals(13.120423, euler.sigmas()[0], 1e-5);
        assertEquals(13.158477, euler.initNoiseSigma(), 1e-5);
    }

    @Test
    void eulerTrailingForTurbo() {
        EulerScheduler euler = new EulerScheduler(Dummy.sd().withSpacing(TimestepSpacing.TRAILING));
        euler.setTimesteps(1);
        assertArrayEquals(new float[] {999}, euler.timesteps());
        assertRelative(new float[] {14.614655f, 0}, euler.sigmas());
        euler.setTimesteps(2);
        assertArrayEquals(new float[] {999, 499}, euler.timesteps());
        euler.setTimesteps(4);
        assertArrayEquals(new float[] {999, 749, 499, 249}, euler.timesteps());
        assertRelative(new float[] {14.614655f, 4.081732f, 1.612887f, 0.693205f, 0}, euler.sigmas());
        assertEquals(14.614655, euler.initNoiseSigma(), 1e-5);
    }

    @Test
    void eulerLinspaceWithOneStepLandsOnTimestepZero() {
        // The pitfall the notes warn about: one-step models need trailing.
        EulerScheduler euler = new EulerScheduler(Dummy.sd());
        euler.setTimesteps(1);
        assertArrayEquals(new float[] {0}, euler.timesteps());
        assertEquals(0.029168, euler.sigmas()[0], 1e-6);
    }

    private static final float[] KARRAS_20 = {14.614655f, 11.725379f, 9.340217f, 7.383631f, 5.789424f, 4.499846f,
        3.464757f, 2.640849f, 1.990923f, 1.483217f, 1.090791f, 0.790950f, 0.564725f, 0.396392f, 0.273040f, 0.184169f,
        0.121342f, 0.077861f, 0.048482f, 0.029168f, 0};

    @Test
    void eulerKarrasSigmasAndFloatTimesteps() {
        EulerScheduler euler = new EulerScheduler(Dummy.sd().withKarrasSigmas(true));
        euler.setTimesteps(20);
        assertRelative(KARRAS_20, euler.sigmas());
        assertArrayEquals(new float[] {999f, 961.732788f, 921.041992f, 876.313782f, 826.790588f, 771.552002f,
            709.529785f, 639.614807f, 560.975525f, 473.749146f, 380.131897f, 285.317749f, 197.08075f, 123.395287f,
            69.2569656f, 34.6975365f, 15.481678f, 5.99183273f, 1.78294981f, 0f}, euler.timesteps(), 2e-3f);
    }

    @Test
    void dpmKarrasSigmasAndRoundedTimesteps() {
        DpmSolverMultistepScheduler dpm = new DpmSolverMultistepScheduler(Dummy.sd().withKarrasSigmas(true));
        dpm.setTimesteps(20);
        assertRelative(KARRAS_20, dpm.sigmas());
        assertArrayEquals(Dummy.floats(999, 962, 921, 876, 827, 772, 710, 640, 561, 474, 380, 285, 197, 123, 69, 35,
                15, 6, 2, 0), dpm.timesteps());
        dpm.setTimesteps(25);
        assertArrayEquals(Dummy.floats(999, 970, 938, 905, 868, 829, 786, 739, 687, 630, 568, 500, 427, 352, 278,
                207, 146, 96, 59, 34, 18, 9, 4, 1, 0), dpm.timesteps());
    }

    @Test
    void dpmLinspaceDropsTheLastOfNPlusOnePoints() {
        DpmSolverMultistepScheduler dpm = new DpmSolverMultistepScheduler(Dummy.sd());
        dpm.setTimesteps(20);
        assertArrayEquals(Dummy.floats(999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 500, 450, 400, 350, 300, 250,
                200, 150, 100, 50), dpm.timesteps());
        assertEquals(0, dpm.sigmas()[20]);
        dpm.setTimesteps(25);
        assertArrayEquals(Dummy.floats(999, 959, 919, 879, 839, 799, 759, 719, 679, 639, 599, 559, 519, 480, 440, 400,
                360, 320, 280, 240, 200, 160, 120, 80, 40), dpm.timesteps());
    }

    @Test
    void lcmPicksFromTheFiftyStepOriginSchedule() {
        LcmScheduler lcm = new LcmScheduler(Dummy.sd());
        lcm.setTimesteps(1);
        assertArrayEquals(Dummy.floats(999), lcm.timesteps());
        lcm.setTimesteps(2);
        assertArrayEquals(Dummy.floats(999, 499), lcm.timesteps());
        lcm.setTimesteps(4);
        assertArrayEquals(Dummy.floats(999, 759, 499, 259), lcm.timesteps());
        lcm.setTimesteps(8);
        assertArrayEquals(Dummy.floats(999, 879, 759, 639, 499, 379, 259, 139), lcm.timesteps());
    }

    @Test
    void lcmStrengthShortensTheOriginScheduleButRunsEveryStep() {
        LcmScheduler lcm = new LcmScheduler(Dummy.sd());
        lcm.setTimesteps(4, 0.5);
        assertArrayEquals(Dummy.floats(499, 379, 259, 139), lcm.timesteps());
        lcm.setTimesteps(4, 0.75);
        assertArrayEquals(Dummy.floats(739, 559, 379, 199), lcm.timesteps());
    }

    @Test
    void eulerImg2imgStart() {
        EulerScheduler euler = new EulerScheduler(Dummy.sd());
        euler.setTimesteps(50, 0.75);
        assertEquals(37, euler.timesteps().length);
        assertEquals(733.9592, euler.timesteps()[0], 1e-3);
        assertEquals(3.830845, euler.sigmas()[0], 1e-5);
        float[] noised = euler.addNoise(new float[] {1}, new float[] {1}, 0);
        assertEquals(1 + 3.830845, noised[0], 1e-5);
    }

    @Test
    void eulerAncestralFirstStepSplit() {
        EulerAncestralScheduler eulerA = new EulerAncestralScheduler(Dummy.sd());
        eulerA.setTimesteps(20);
        EulerAncestralScheduler.AncestralSigmas split = eulerA.ancestralSigmas(0);
        assertEquals(7.283035, split.up(), 1e-5);
        assertEquals(7.902679, split.down(), 1e-5);
    }

    private static float[] head(float[] values, int n) {
        return Arrays.copyOf(values, n);
    }

    private static void assertRelative(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.max(Math.abs(expected[i]) * 2e-6, 1e-6), "index " + i);
        }
    }
}
