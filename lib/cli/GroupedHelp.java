package lib.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lib.core.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * --help as an operator reads it: the options in groups under headings (what to run, the source,
 * the output, ...), each group in the order its options are declared, then examples and the exit
 * codes the script can actually end with.
 */
final class GroupedHelp implements CommandLine.IHelpSectionRenderer {
    /** A heading and the option sets under it: mixin field names, or "" for the command's own options. */
    record Group(String heading, List<String> from) {}

    private final List<Group> groups;

    private GroupedHelp(List<Group> groups) {
        this.groups = groups;
    }

    /** Installs the grouped option list, and a footer of {@code footer} lines followed by the exit codes. */
    static void install(CommandLine cl, List<Group> groups, List<String> footer, List<ExitCode> codes) {
        cl.setUsageHelpWidth(80);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, new GroupedHelp(groups));
        cl.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING);
        List<String> lines = new ArrayList<>(footer);
        lines.add("");
        lines.add("Exit codes:");
        for (ExitCode c : codes) lines.addAll(wrap(String.format("  %-4d ", c.code), c.meaning));
        cl.getCommandSpec().usageMessage().footer(lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new));
    }

    /** {@code text} after {@code lead}, wrapped at 79 columns under its own start. */
    static List<String> wrap(String lead, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(lead);
        for (String word : text.split(" ")) {
            if (line.length() > lead.length() && line.length() + 1 + word.length() > 79) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(lead.length()));
            }
            if (line.length() > lead.length()) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    @Override
    public String render(CommandLine.Help help) {
        CommandSpec spec = help.commandSpec();
        Set<String> inMixins = new LinkedHashSet<>();
        spec.mixins().values().forEach(m -> m.options().forEach(o -> inMixins.add(o.longestName())));
        StringBuilder text = new StringBuilder();
        for (Group g : groups) {
            List<OptionSpec> options = new ArrayList<>();
            for (String from : g.from()) {
                List<OptionSpec> declared = from.isEmpty() ? spec.options().stream().filter(o -> !inMixins.contains(o.longestName())).toList()
                        : spec.mixins().get(from).options();
                for (OptionSpec o : declared) {
                    OptionSpec own = spec.findOption(o.longestName());
                    if (own != null && !own.hidden() && !options.contains(own)) options.add(own);
                }
            }
            if (options.isEmpty()) continue;
            CommandLine.Help.Layout layout = help.createDefaultLayout();
            for (OptionSpec o : options) layout.addOption(o, help.createDefaultParamLabelRenderer());
            text.append(String.format("%n%s%n", g.heading())).append(layout);
        }
        return text.toString();
    }
}
