package io.ofnevents.model.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses one robfig/cron field exactly as robfig v3 {@code getField} does and renders Quartz. */
final class FieldParser {

  // Go's strconv.Atoi accepts a leading '+', and robfig hands it every number it sees.
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]+");

  // No field spans more than 60 values, so any larger step selects just the start value.
  private static final long MAX_USEFUL_STEP = 64;

  private FieldParser() {}

  static ParsedField parse(CronField field, String text, int position) throws CronSyntaxException {
    long bits = 0;
    boolean star = false;
    List<String> terms = new ArrayList<>();
    int itemPosition = position;
    for (String item : text.split(",", -1)) {
      // robfig splits with strings.FieldsFunc, which silently drops empty list items ("1,,2").
      if (!item.isEmpty()) {
        Term term = parseTerm(field, item, itemPosition);
        bits |= term.bits;
        star |= term.star;
        terms.add(term.quartz);
      }
      itemPosition += item.length() + 1;
    }
    if (terms.isEmpty()) {
      throw error(field, "'" + text + "' contains no values", position);
    }
    String quartz = bits == field.allBits() ? "*" : String.join(",", terms);
    return new ParsedField(field, text, bits, star, quartz);
  }

  private record Term(long bits, boolean star, String quartz) {}

  private static Term parseTerm(CronField field, String expr, int position)
      throws CronSyntaxException {
    String[] rangeAndStep = expr.split("/", -1);
    if (rangeAndStep.length > 2) {
      throw error(field, "too many '/' in '" + expr + "'", position);
    }
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    if (lowAndHigh.length > 2) {
      throw error(field, "too many '-' in '" + expr + "'", position);
    }
    boolean starLike = lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?");
    boolean hasEnd = lowAndHigh.length == 2;
    int start;
    int end;
    if (starLike) {
      if (hasEnd) {
        // robfig ignores everything after "*-", so "*-5" means "*"; that is surely not what was
        // meant.
        throw error(
            field,
            "'" + expr + "' is not a valid range (robfig/cron would silently read it as '*')",
            position);
      }
      start = field.min;
      end = field.max;
    } else {
      start = value(field, lowAndHigh[0], position);
      end = hasEnd ? value(field, lowAndHigh[1], position) : start;
    }
    boolean hasStep = rangeAndStep.length == 2;
    long step = 1;
    if (hasStep) {
      step = Math.min(number(field, rangeAndStep[1], "step", position), MAX_USEFUL_STEP);
      if (!starLike && !hasEnd) {
        end = field.max; // robfig reads "N/step" as "N-max/step", as Quartz does.
      }
    }
    if (start > end) {
      throw error(field, "range '" + rangeAndStep[0] + "' starts after it ends", position);
    }
    if (step == 0) {
      throw error(field, "step must be positive in '" + expr + "'", position);
    }
    int stride = (int) step;
    // robfig clears the star bit for steps above 1, so "*/2" counts as a restricted field.
    boolean star = starLike && stride == 1;
    return new Term(
        CronField.bits(start, end, stride),
        star,
        render(field, starLike, hasEnd, hasStep, start, end, stride));
  }

  private static String render(
      CronField field,
      boolean starLike,
      boolean hasEnd,
      boolean hasStep,
      int start,
      int end,
      int step) {
    // Quartz rejects steps wider than the field ("Increment >= 60"), robfig just yields one value.
    if (hasStep && start + step > end) {
      return field.quartz(start);
    }
    if (starLike) {
      // Quartz "*/n" starts at its own minimum, which is robfig's minimum renumbered.
      return hasStep && step > 1 ? "*/" + step : "*";
    }
    String first = field.quartz(start);
    String range = hasEnd && start != end ? first + "-" + field.quartz(end) : first;
    return hasStep ? range + "/" + step : range;
  }

  private static int value(CronField field, String text, int position) throws CronSyntaxException {
    int named = field.valueOfName(text);
    if (named >= 0) {
      return named;
    }
    long value = number(field, text, "value", position);
    if (value < field.min || value > field.max) {
      String hint =
          field == CronField.DAY_OF_WEEK && value == 7
              ? " (robfig/cron has no 7 for Sunday; use 0 or SUN)"
              : "";
      throw error(field, text + " is out of range " + field.min + "-" + field.max + hint, position);
    }
    return (int) value;
  }

  private static long number(CronField field, String text, String what, int position)
      throws CronSyntaxException {
    if (text.startsWith("-") && NUMBER.matcher(text.substring(1)).matches()) {
      throw error(field, "negative " + what + " '" + text + "' is not allowed", position);
    }
    if (!NUMBER.matcher(text).matches()) {
      String expected =
          what.equals("value") && (field == CronField.MONTH || field == CronField.DAY_OF_WEEK)
              ? "a number or a three-letter name"
              : "a number";
      throw error(field, what + " '" + text + "' is not " + expected, position);
    }
    try {
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw error(field, what + " '" + text + "' is too large", position);
    }
  }

  private static CronSyntaxException error(CronField field, String detail, int position) {
    return new CronSyntaxException(field.label + ": " + detail, position);
  }
}
