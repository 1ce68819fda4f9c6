package dev.atelier.host.krita.install;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits Krita's {@code kritarc} (a KConfig INI file) line by line, touching only one key of one section and
 * leaving every other line exactly as it was (comments, order, spacing, line endings of untouched lines).
 */
final class KritaRc {

    /** The result of an edit: the new text, whether the section had to be created, whether anything changed. */
    record Edit(String text, boolean sectionCreated, boolean changed) {}

    private KritaRc() {}

    /** Sets {@code key=value} in {@code [section]}, adding the key (and the section) when missing. */
    static Edit set(String text, String section, String key, String value) {
        List<String> lines = lines(text);
        String entry = key + "=" + value;
        int header = findSection(lines, section);
        if (header < 0) {
            StringBuilder out = new StringBuilder(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                out.append('\n');
            }
            if (!text.isBlank()) {
                out.append('\n');
            }
            out.append('[').append(section).append("]\n").append(entry).append('\n');
            return new Edit(out.toString(), true, true);
        }
        int end = sectionEnd(lines, header);
        for (int i = header + 1; i < end; i++) {
            if (isKey(lines.get(i), key)) {
                boolean same = stripEol(lines.get(i)).equals(entry);
                lines.set(i, entry + eol(lines.get(i)));
                return new Edit(String.join("", lines), false, !same);
            }
        }
        int insertAt = header + 1;
        for (int i = header + 1; i < end; i++) {
            if (!lines.get(i).isBlank()) {
                insertAt = i + 1;
            }
        }
        if (insertAt > 0 && !lines.get(insertAt - 1).endsWith("\n")) {
            lines.set(insertAt - 1, lines.get(insertAt - 1) + "\n");
        }
        lines.add(insertAt, entry + "\n");
        return new Edit(String.join("", lines), false, true);
    }

    /**
     * Removes {@code key} from {@code [section]}; when {@code dropEmptySection} and the section is then empty
     * (blank lines only), the section header goes too.
     */
    static Edit remove(String text, String section, String key, boolean dropEmptySection) {
        List<String> lines = lines(text);
        int header = findSection(lines, section);
        if (header < 0) {
            return new Edit(text, false, false);
        }
        int end = sectionEnd(lines, header);
        boolean changed = false;
        for (int i = end - 1; i > header; i--) {
            if (isKey(lines.get(i), key)) {
                lines.remove(i);
                end--;
                changed = true;
            }
        }
        if (changed && dropEmptySection) {
            boolean empty = true;
            for (int i = header + 1; i < end; i++) {
                empty &= lines.get(i).isBlank();
            }
            if (empty) {
                for (int i = end - 1; i >= header; i--) {
                    lines.remove(i);
                }
                // the blank line that set the section apart
                if (header > 0 && header - 1 < lines.size() && lines.get(header - 1).isBlank()) {
                    lines.remove(header - 1);
                }
            }
        }
        return new Edit(String.join("", lines), false, changed);
    }

    /** The value of {@code key} in {@code [section]}, or null. */
    static String get(String text, String section, String key) {
        List<String> lines = lines(text);
        int header = findSection(lines, section);
        if (header < 0) {
            return null;
        }
        int end = sectionEnd(lines, header);
        for (int i = header + 1; i < end; i++) {
            if (isKey(lines.get(i), key)) {
                String line = stripEol(lines.get(i));
                return line.substring(line.indexOf('=') + 1).trim();
            }
        }
        return null;
    }

    /** Lines with their line endings kept, so joining them gives the text back byte for byte. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static int findSection(List<String> lines, String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (stripEol(lines.get(i)).trim().equals("[" + section + "]")) {
                return i;
            }
        }
        return -1;
    }

    private static int sectionEnd(List<String> lines, int header) {
        for (int i = header + 1; i < lines.size(); i++) {
            if (stripEol(lines.get(i)).trim().startsWith("[")) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean isKey(String line, String key) {
        String l = stripEol(line);
        int eq = l.indexOf('=');
        return eq > 0 && l.substring(0, eq).trim().equals(key);
    }

    private static String stripEol(String line) {
        String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    private static String eol(String line) {
        return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
    }
}
