package dev.atelier.inference.cli;

/** Lets tests outside the package name the CLI's main class. */
public final class AtelierCliAccess {

    public static final String MAIN_CLASS = AtelierCli.class.getName();

    private AtelierCliAccess() {}
}
