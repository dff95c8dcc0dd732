package io.ofnevents.model.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a 5- or 6-field robfig/cron spec (no prefix, no descriptor) to a Quartz expression.
 */
final class SpecTranslator {

  private static final Pattern TOKEN = Pattern.compile("\\S+");

  private static final CronField[] ORDER = {
    CronField.SECOND,
    CronField.MINUTE,
    CronField.HOUR,
    CronField.DAY_OF_MONTH,
    CronField.MONTH,
    CronField.DAY_OF_WEEK
  };

  // Days per month; February counts 29 because robfig looks five years ahead, so leap days occur.
  private static final int[] MAX_DAYS = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private SpecTranslator() {}

  /**
   * @param spec the fields, already stripped of any time-zone prefix
   * @param position index of {@code spec} inside the user's schedule, for error positions
   * @param prefix the time-zone prefix as written (with trailing space), or "", for suggestions
   */
  static String toQuartz(String spec, int position, String prefix) throws CronSyntaxException {
    List<String> tokens = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Matcher m = TOKEN.matcher(spec);
    while (m.find()) {
      tokens.add(m.group());
      positions.add(position + m.start());
    }
    if (tokens.size() != 5 && tokens.size() != 6) {
      throw new CronSyntaxException(
          "expected 5 fields (min hour dom month dow) or 6 (sec min hour dom month dow), found "
              + tokens.size()
              + " in \""
              + spec
              + "\"",
          position);
    }
    List<String> written = List.copyOf(tokens);
    if (tokens.size() == 5) {
      tokens.add(0, "0"); // robfig's SecondOptional: a missing seconds field means second 0
      positions.add(0, -1);
    }
    ParsedField[] f = new ParsedField[ORDER.length];
    for (int i = 0; i < ORDER.length; i++) {
      f[i] = FieldParser.parse(ORDER[i], tokens.get(i), positions.get(i));
    }
    ParsedField dom = f[3];
    ParsedField month = f[4];
    ParsedField dow = f[5];
    String[] days = dayFields(dom, dow, written, prefix, positions.get(3));
    if (!days[0].equals("*") && !days[0].equals("?")) {
      requireSomeDayExists(dom, month, positions.get(3));
    }
    return String.join(
        " ", f[0].quartz(), f[1].quartz(), f[2].quartz(), days[0], month.quartz(), days[1]);
  }

  /**
   * Quartz wants exactly one of day-of-month/day-of-week to be '?'. robfig {@code dayMatches} ANDs
   * the two when either carries the star bit (and a starred field matches every day), and ORs them
   * otherwise; an OR of two real restrictions has no Quartz form.
   */
  private static String[] dayFields(
      ParsedField dom, ParsedField dow, List<String> written, String prefix, int position)
      throws CronSyntaxException {
    boolean everyDay =
        (dom.isFull() && dow.isFull())
            || (!dom.star() && !dow.star() && (dom.isFull() || dow.isFull()));
    if (everyDay) {
      return new String[] {"*", "?"};
    }
    if (dom.star() || dom.isFull()) {
      return new String[] {"?", dow.quartz()};
    }
    if (dow.star() || dow.isFull()) {
      return new String[] {dom.quartz(), "?"};
    }
    throw new CronSyntaxException(orMessage(dom, dow, written, prefix), position);
  }

  private static String orMessage(
      ParsedField dom, ParsedField dow, List<String> written, String prefix) {
    // Suggest the same shape the user wrote: keep seconds only if they were given.
    int n = written.size();
    String head = String.join(" ", written.subList(0, n - 3));
    String month = written.get(n - 2);
    boolean starStep = dom.source().matches("[*?]/.*") || dow.source().matches("[*?]/.*");
    return "day-of-month '"
        + dom.source()
        + "' and day-of-week '"
        + dow.source()
        + "' are both restricted, so robfig/cron fires when EITHER matches"
        + (starStep ? " (robfig counts a stepped '*/n' as restricted, not as '*')" : "")
        + "; Quartz cannot express that, split it into two EventSource events: \""
        + prefix
        + head
        + " "
        + dom.source()
        + " "
        + month
        + " *\" and \""
        + prefix
        + head
        + " * "
        + month
        + " "
        + dow.source()
        + "\"";
  }

  private static void requireSomeDayExists(ParsedField dom, ParsedField month, int position)
      throws CronSyntaxException {
    for (int mo = 1; mo <= 12; mo++) {
      if ((month.bits() & (1L << mo)) != 0
          && (dom.bits() & CronField.bits(1, MAX_DAYS[mo], 1)) != 0) {
        return;
      }
    }
    // robfig accepts this and silently never fires; Quartz would refuse to schedule it.
    throw new CronSyntaxException(
        "schedule never fires: day-of-month '"
            + dom.source()
            + "' does not occur in month '"
            + month.source()
            + "'",
        position);
  }
}
