package org.flar.cli;

/** Entry point of the flar command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("flar");
    }
}
