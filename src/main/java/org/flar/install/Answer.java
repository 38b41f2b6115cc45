package org.flar.install;

/** The server's answer to a machine's hello: its assignment, or the reason it waits (then it asks again). */
public record Answer(Assignment assignment, String waiting) {
}
