package dev.signstream.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The help with its lines broken between words only. picocli wraps with the JDK's line
 * {@link java.text.BreakIterator}, which also breaks after '.', ':' and '-' inside a word
 * ("labels.|json", "http://localhost:|8080", "--max-|wait"); here the descriptions of the commands
 * and of their options wrap at spaces, as a reader expects and a copied path or URL needs.
 */
final class WordWrapHelp extends Help {

    WordWrapHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    /** Installs the help on a command line and its subcommands. */
    static CommandLine install(CommandLine commandLine) {
        return commandLine.setHelpFactory(WordWrapHelp::new);
    }

    @Override
    public Layout createDefaultLayout() {
        Layout layout = super.createDefaultLayout();
        TextTable table = layout.textTable();
        WordWrapTable wrapping = new WordWrapTable(colorScheme(), table.columns());
        wrapping.indentWrappedLines = table.indentWrappedLines;
        return new Layout(colorScheme(), wrapping, layout.optionRenderer(), layout.parameterRenderer());
    }

    @Override
    public String description(Object... params) {
        String[] lines = commandSpec().usageMessage().description();
        if (lines.length == 0) {
            return "";
        }
        int width = commandSpec().usageMessage().width();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            for (String wrapped : wrap(String.format(line, params), width, width)) {
                text.append(wrapped).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    /** Splits text at spaces into lines of at most the widths (a longer word keeps a line of its own). */
    static List<String> wrap(String text, int firstWidth, int laterWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            int width = lines.isEmpty() ? firstWidth : laterWidth;
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A text table whose wrapping column breaks between words. */
    private static final class WordWrapTable extends TextTable {
        private final ColorScheme colors;

        WordWrapTable(ColorScheme colors, Column[] columns) {
            super(colors, columns);
            this.colors = colors;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            String plain = value.plainString();
            int width = column.width - column.indent;
            if (column.overflow != Column.Overflow.WRAP || plain.length() <= width || plain.contains("\n")) {
                return super.putValue(row, col, value);
            }
            List<String> lines = wrap(plain, width, width - indentWrappedLines);
            Cell cell = null;
            for (int i = 0; i < lines.size(); i++) {
                while (row + i >= rowCount()) {
                    addEmptyRow();
                }
                String indent = i == 0 ? "" : " ".repeat(indentWrappedLines);
                cell = super.putValue(row + i, col, colors.text(indent + lines.get(i)));
            }
            return cell;
        }
    }
}
