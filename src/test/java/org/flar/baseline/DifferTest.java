package org.flar.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.flar.capture.BaseEntry;
import org.flar.capture.ExcludeRules;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ManifestEntry;
import org.junit.jupiter.api.Test;

/** The merge join: matches, additions and deletions found in one pass over both sorted sides. */
class DifferTest {

    private static OldState old(String... paths) {
        Deque<BaseEntry> q = new ArrayDeque<>();
        for (String p : paths) {
            q.add(new BaseEntry(ManifestEntry.of(Entry.builder(p, p.contains(".") && !p.equals(".")
                    ? EntryType.FILE : EntryType.DIRECTORY).build()), null));
        }
        return new OldState() {
            @Override
            public BaseEntry next() {
                return q.poll();
            }

            @Override
            public ManifestEntry withChecksum(BaseEntry o) {
                return o.line();
            }

            @Override
            public Map<String, String> keywords() {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Runs the join; returns "=path" for matches, "+path" for additions, "-path" for deletions, in order. */
    private static List<String> join(OldState old, ExcludeRules rules, String... now) throws Exception {
        List<String> out = new ArrayList<>();
        try (Differ d = new Differ(old, rules)) {
            for (String p : now) {
                BaseEntry m = d.advanceTo(p, g -> out.add("-" + g.path()));
                out.add((m == null ? "+" : "=") + p);
            }
            d.finish(g -> out.add("-" + g.path()));
        }
        return out;
    }

    @Test
    void findsMatchesAdditionsAndDeletionsInWalkOrder() throws Exception {
        assertThat(join(old(".", "a", "a/x.f", "a/y", "a/y/z.f", "b.f", "c"), ExcludeRules.none(),
                ".", "a", "a/w.f", "a/y", "a-b.f", "c", "c/new.f", "d"))
                .containsExactly("=.", "=a", "+a/w.f", "-a/x.f", "=a/y", "-a/y/z.f", "+a-b.f", "-b.f", "=c",
                        "+c/new.f", "+d");
    }

    @Test
    void slashSortsBeforeEveryOtherCharacterSoChildrenComeBeforeSiblings() throws Exception {
        // "a/b" < "a-b" < "a.b" in manifest order, though String order would put '-' and '.' first.
        assertThat(join(old(".", "a", "a/b.f", "a-b.f"), ExcludeRules.none(), ".", "a", "a-b.f"))
                .containsExactly("=.", "=a", "-a/b.f", "=a-b.f");
    }

    @Test
    void everythingAfterTheLastNewEntryIsDeleted() throws Exception {
        assertThat(join(old(".", "x", "y.f", "z"), ExcludeRules.none(), "."))
                .containsExactly("=.", "-x", "-y.f", "-z");
    }

    @Test
    void excludedPathsAreNotDeletions() throws Exception {
        assertThat(join(old(".", "cache", "cache/a.f", "etc"), new ExcludeRules(List.of("cache"), List.of()), ".", "etc"))
                .containsExactly("=.", "=etc");
    }

    @Test
    void anEmptyOldStateMakesEverythingNew() throws Exception {
        assertThat(join(old(), ExcludeRules.none(), ".", "a")).containsExactly("+.", "+a");
    }

    @Test
    void newEntriesOutOfOrderAreABug() {
        assertThatThrownBy(() -> join(old("."), ExcludeRules.none(), ".", "b", "a"))
                .isInstanceOf(IllegalStateException.class);
    }
}
