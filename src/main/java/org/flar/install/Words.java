package org.flar.install;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a rules file or profile as words separated by blanks, each with its column (from 1),
 * a {@code #} outside a word starting a comment.
 */
record Words(List<String> texts, List<Integer> columns) {

    static Words of(String line) {
        List<String> t = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char ch = line.charAt(i);
            if (ch == ' ' || ch == '\t') {
                i++;
                continue;
            }
            if (ch == '#') {
                break;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            t.add(line.substring(start, i));
            c.add(start + 1);
        }
        return new Words(List.copyOf(t), List.copyOf(c));
    }

    boolean isEmpty() {
        return texts.isEmpty();
    }

    int size() {
        return texts.size();
    }

    String get(int i) {
        return texts.get(i);
    }

    int column(int i) {
        return columns.get(i);
    }
}
