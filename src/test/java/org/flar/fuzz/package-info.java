/**
 * Coverage-guided fuzz tests (Jazzer), one class per parser. Each states the parser's contract
 * on untrusted input: a result or its documented checked exception, nothing else, in bounded
 * time and memory. A plain {@code mvn test} replays each class's {@code <Class>Inputs}
 * directory under src/test/resources (seeds and every crash found); {@code JAZZER_FUZZ=1}
 * fuzzes (the {@code fuzz} execution of the pom, {@code scripts/fuzz}). See docs/testing.md.
 */
package org.flar.fuzz;
