package io.ofnevents.model.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

class CronTranslatorTest {

  /** schedule | expected Quartz cron | expected period ms | expected zone ("-" = null). */
  private static final String GOOD =
      """
      '@every 5s'                         | -                      | 5000    | -
      '@every 1m30s'                      | -                      | 90000   | -
      '@every 500ms'                      | -                      | 1000    | -
      '@every 1.5s'                       | -                      | 1000    | -
      '@every 1h'                         | -                      | 3600000 | -
      '@every 1.5h'                       | -                      | 5400000 | -
      '@every 2h45m10.9s'                 | -                      | 9910000 | -
      '@every 1µs'                        | -                      | 1000    | -
      '@every .5m'                        | -                      | 30000   | -
      '@every 1h0m0.999999999s'           | -                      | 3600000 | -
      'TZ=UTC @every 5s'                  | -                      | 5000    | -
      '*/5 * * * *'                       | 0 */5 * * * ?          | -       | -
      '30 * * * * *'                      | 30 * * * * ?           | -       | -
      '0 9 * * MON-FRI'                   | 0 0 9 ? * 2-6          | -       | -
      'CRON_TZ=Asia/Shanghai 0 9 * * *'   | 0 0 9 * * ?            | -       | Asia/Shanghai
      'TZ=UTC @daily'                     | 0 0 0 * * ?            | -       | UTC
      '@hourly'                           | 0 0 * * * ?            | -       | -
      '@midnight'                         | 0 0 0 * * ?            | -       | -
      '@weekly'                           | 0 0 0 ? * 1            | -       | -
      '@monthly'                          | 0 0 0 1 * ?            | -       | -
      '@yearly'                           | 0 0 0 1 1 ?            | -       | -
      '@annually'                         | 0 0 0 1 1 ?            | -       | -
      '  @hourly  '                       | 0 0 * * * ?            | -       | -
      '* * * * *'                         | 0 * * * * ?            | -       | -
      '* * * * * *'                       | * * * * * ?            | -       | -
      '0 0 * * 0'                         | 0 0 0 ? * 1            | -       | -
      '0 0 * * 6'                         | 0 0 0 ? * 7            | -       | -
      '0 0 * * SUN,sat'                   | 0 0 0 ? * 1,7          | -       | -
      '0 0 * * */2'                       | 0 0 0 ? * */2          | -       | -
      '0 0 * * */6'                       | 0 0 0 ? * */6          | -       | -
      '0 0 * * 1-5/2'                     | 0 0 0 ? * 2-6/2        | -       | -
      '0 30 8 ? * 5/1'                    | 0 30 8 ? * 6/1         | -       | -
      '0 0 9 * * mon-fri'                 | 0 0 9 ? * 2-6          | -       | -
      '0 0 ? * MON'                       | 0 0 0 ? * 2            | -       | -
      '0 0 1,15 * *'                      | 0 0 0 1,15 * ?         | -       | -
      '0 0 1,15 * ?'                      | 0 0 0 1,15 * ?         | -       | -
      '0 0 */2 * *'                       | 0 0 0 */2 * ?          | -       | -
      '0 0 */2 * */1'                     | 0 0 0 */2 * ?          | -       | -
      '0 0 1 * */1'                       | 0 0 0 1 * ?            | -       | -
      '0 12 1-31 * MON'                   | 0 0 12 * * ?           | -       | -
      '0 12 15 * 0-6'                     | 0 0 12 * * ?           | -       | -
      '0-59 0-23 1-31 1-12 0-6'           | 0 * * * * ?            | -       | -
      '0 12 * JAN,jul *'                  | 0 0 12 * 1,7 ?         | -       | -
      '0 0 1 JAN-MAR/2 *'                 | 0 0 0 1 1-3/2 ?        | -       | -
      '15,45 */20 1-10/3 JAN-JUN/2 *'     | 0 15,45 */20 1-10/3 1-6/2 ? | -  | -
      '5/15 * * * *'                      | 0 5/15 * * * ?         | -       | -
      '*/15,7 * * * *'                    | 0 */15,7 * * * ?       | -       | -
      '*/90 * * * *'                      | 0 0 * * * ?            | -       | -
      '*/59 */23 */30 */11 *'             | 0 */59 */23 */30 */11 ? | -      | -
      '? * * * *'                         | 0 * * * * ?            | -       | -
      '+5 * * * *'                        | 0 5 * * * ?            | -       | -
      '1,,2 * * * *'                      | 0 1,2 * * * ?          | -       | -
      '0 0 29 2 *'                        | 0 0 0 29 2 ?           | -       | -
      '0 0 31 * *'                        | 0 0 0 31 * ?           | -       | -
      'TZ= 0 9 * * *'                     | 0 0 9 * * ?            | -       | UTC
      'CRON_TZ=Local 0 9 * * *'           | 0 0 9 * * ?            | -       | -
      'CRON_TZ=America/New_York 0 30 2 * * *' | 0 30 2 * * ?       | -       | America/New_York
      """;

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = GOOD)
  void translatesValidSchedules(String schedule, String quartz, Long period, String zone)
      throws CronSyntaxException {
    CronTranslation t = CronTranslator.translate(schedule);

    assertThat(t).isEqualTo(new CronTranslation(quartz, period, zone));
    assertThat(t.isPeriodic()).isEqualTo(period != null);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = GOOD)
  void everyQuartzResultParsesWithQuartz(String schedule, String quartz, Long period, String zone)
      throws Exception {
    CronTranslation t = CronTranslator.translate(schedule);
    if (t.isPeriodic()) {
      assertThat(t.quartzCron()).isNull();
      assertThat(t.periodMillis()).isGreaterThanOrEqualTo(1000L).matches(ms -> ms % 1000 == 0);
      return;
    }
    CronExpression expression = new CronExpression(t.quartzCron());
    if (t.timeZone() != null) {
      expression.setTimeZone(TimeZone.getTimeZone(ZoneId.of(t.timeZone())));
    }
    assertThat(expression.getNextValidTimeAfter(Date.from(START))).isNotNull();
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                | schedule is empty
          '   '                             | schedule is empty
          '@every 0s'                       | must be positive
          '@every -5s'                      | must be positive
          '@every 5'                        | missing unit in duration "5"
          '@every 5d'                       | unknown unit "d"
          '@every abc'                      | invalid duration "abc"
          '@every 1s extra'                 | unknown unit "s extra"
          '@every'                          | @every needs a duration
          '0 0 1,15 * 1'                    | robfig/cron fires when EITHER matches
          '0 0 1 * MON-FRI'                 | two EventSource events: "0 0 1 * *" and "0 0 * * MON-FRI"
          '0 0 0 1 * MON'                   | two EventSource events: "0 0 0 1 * *" and "0 0 0 * * MON"
          '0 0 */2 * MON'                   | counts a stepped '*/n' as restricted
          '60 * * * *'                      | minute: 60 is out of range 0-59
          '60 0 0 * * *'                    | second: 60 is out of range 0-59
          '0 24 * * *'                      | hour: 24 is out of range 0-23
          '0 0 32 * *'                      | day-of-month: 32 is out of range 1-31
          '0 0 0 * *'                       | day-of-month: 0 is out of range 1-31
          '0 0 * 13 *'                      | month: 13 is out of range 1-12
          '0 0 * * 7'                       | day-of-week: 7 is out of range 0-6
          '0 0 * * 5-7'                     | day-of-week: 7 is out of range 0-6
          '* * * * * * *'                   | found 7
          '* * * *'                         | found 4
          '@reboot'                         | unrecognized descriptor '@reboot'
          '@Daily'                          | unrecognized descriptor '@Daily'
          'CRON_TZ=Mars/Olympus * * * * *'  | unknown time zone 'Mars/Olympus'
          'TZ=+08:00 * * * *'               | unknown time zone '+08:00'
          'CRON_TZ=UTC'                     | must be followed by a schedule
          '*/0 * * * *'                     | minute: step must be positive
          '5-3 * * * *'                     | minute: range '5-3' starts after it ends
          '1-2-3 * * * *'                   | minute: too many '-'
          '*/2/3 * * * *'                   | minute: too many '/'
          '*-5 * * * *'                     | would silently read it as '*'
          '*/-2 * * * *'                    | minute: negative step '-2'
          '*/x * * * *'                     | minute: step 'x' is not a number
          ', * * * *'                       | minute: ',' contains no values
          '99999999999999999999 * * * *'    | minute: value '99999999999999999999' is too large
          '0 0 * * MONDAY'                  | day-of-week: value 'MONDAY' is not a number or a three-letter name
          '0 0 L * *'                       | day-of-month: value 'L' is not a number
          '0 0 * * 1#2'                     | day-of-week: value '1#2' is not a number
          '0 0 30 2 *'                      | never fires
          '0 0 31 4,6 *'                    | never fires
          """)
  void rejectsInvalidSchedules(String schedule, String message) {
    assertThatThrownBy(() -> CronTranslator.translate(schedule))
        .isInstanceOf(CronSyntaxException.class)
        .hasMessageContaining(message)
        .message()
        .doesNotContain("\n");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> CronTranslator.translate(null))
        .isInstanceOf(CronSyntaxException.class)
        .hasMessage("schedule is empty");
  }

  @Test
  void reportsThePositionOfTheOffendingField() {
    assertThatThrownBy(() -> CronTranslator.translate(" CRON_TZ=UTC 0 24 * * *"))
        .isInstanceOfSatisfying(
            CronSyntaxException.class, e -> assertThat(e.position()).isEqualTo(15));
    assertThatThrownBy(() -> CronTranslator.translate("TZ=Nowhere @daily"))
        .isInstanceOfSatisfying(
            CronSyntaxException.class, e -> assertThat(e.position()).isEqualTo(3));
  }

  // A Thursday shortly before the end of February in a leap year, mid-minute.
  private static final Instant START = Instant.parse("2024-02-27T10:15:30Z");

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "*/5 * * * *",
        "30 * * * * *",
        "0 9 * * MON-FRI",
        "CRON_TZ=Asia/Shanghai 0 9 * * *",
        "CRON_TZ=Asia/Kolkata 0 */90 */23 * * *",
        "TZ=UTC @daily",
        "@weekly",
        "@monthly",
        "@yearly",
        "0 0 */2 * *",
        "0 0 * * */2",
        "0 0 * * 1-5/2",
        "0 30 8 ? * 5/1",
        "0 12 1-31 * MON",
        "0 0 1 * */1",
        "15,45 */20 1-10/3 JAN-JUN/2 *",
        "*/20,7 3 * * SAT,sun",
        "0 0 31 * *",
        "0 0 29 2 *",
      })
  void quartzFiresExactlyWhenRobfigWould(String schedule) throws Exception {
    CronTranslation t = CronTranslator.translate(schedule);
    ZoneId zone = ZoneId.of(t.timeZone() == null ? "UTC" : t.timeZone());
    CronExpression quartz = new CronExpression(t.quartzCron());
    quartz.setTimeZone(TimeZone.getTimeZone(zone));

    List<Instant> quartzTimes = new ArrayList<>();
    Date cursor = Date.from(START);
    while (quartzTimes.size() < 20) {
      cursor = quartz.getNextValidTimeAfter(cursor);
      quartzTimes.add(cursor.toInstant());
    }

    assertThat(quartzTimes)
        .containsExactlyElementsOf(RobfigReference.parse(schedule).next(START, 20));
  }

  /**
   * A deliberately naive re-reading of robfig/cron v3 (parser.go, spec.go) that shares no code with
   * the translator: fields become bit sets, and candidate times are enumerated day by day.
   */
  private static final class RobfigReference {
    private static final Map<String, String> DESCRIPTORS =
        Map.of(
            "@yearly", "0 0 0 1 1 *",
            "@annually", "0 0 0 1 1 *",
            "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0",
            "@daily", "0 0 0 * * *",
            "@midnight", "0 0 0 * * *",
            "@hourly", "0 0 * * * *");
    private static final int[][] BOUNDS = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
    private static final List<String> MONTHS =
        List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS =
        List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final long[] bits = new long[6];
    private final boolean[] star = new boolean[6];
    private ZoneId zone = ZoneId.of("UTC");

    static RobfigReference parse(String schedule) {
      RobfigReference r = new RobfigReference();
      String spec = schedule;
      if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
        r.zone = ZoneId.of(spec.substring(spec.indexOf('=') + 1, spec.indexOf(' ')));
        spec = spec.substring(spec.indexOf(' ') + 1);
      }
      spec = DESCRIPTORS.getOrDefault(spec, spec);
      String[] fields = spec.split(" ");
      if (fields.length == 5) {
        fields = ("0 " + spec).split(" ");
      }
      for (int i = 0; i < 6; i++) {
        for (String range : fields[i].split(",")) {
          r.addRange(i, range);
        }
      }
      return r;
    }

    private void addRange(int field, String expr) {
      int min = BOUNDS[field][0];
      int max = BOUNDS[field][1];
      String[] rangeAndStep = expr.split("/");
      String[] lowHigh = rangeAndStep[0].split("-");
      int step = rangeAndStep.length == 2 ? Integer.parseInt(rangeAndStep[1]) : 1;
      int start;
      int end;
      if (lowHigh[0].equals("*") || lowHigh[0].equals("?")) {
        start = min;
        end = max;
        star[field] |= step <= 1;
      } else {
        start = value(field, lowHigh[0]);
        end = lowHigh.length == 2 ? value(field, lowHigh[1]) : start;
        if (rangeAndStep.length == 2 && lowHigh.length == 1) {
          end = max;
        }
      }
      for (int v = start; v <= end; v += step) {
        bits[field] |= 1L << v;
      }
    }

    private static int value(int field, String text) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (field == 4 && MONTHS.contains(lower)) {
        return MONTHS.indexOf(lower) + 1;
      }
      if (field == 5 && DAYS.contains(lower)) {
        return DAYS.indexOf(lower);
      }
      return Integer.parseInt(text);
    }

    private boolean has(int field, int value) {
      return (bits[field] & (1L << value)) != 0;
    }

    /** robfig dayMatches: AND if either day field has the star bit, OR otherwise. */
    private boolean dayMatches(LocalDate date) {
      boolean dom = has(3, date.getDayOfMonth());
      boolean dow =
          has(5, date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
      return star[3] || star[5] ? dom && dow : dom || dow;
    }

    List<Instant> next(Instant after, int count) {
      List<Instant> result = new ArrayList<>();
      LocalDate day = after.atZone(zone).toLocalDate();
      for (int guard = 0;
          guard < 366 * 100 && result.size() < count;
          guard++, day = day.plusDays(1)) {
        if (!has(4, day.getMonthValue()) || !dayMatches(day)) {
          continue;
        }
        for (int h = 0; h < 24 && result.size() < count; h++) {
          for (int m = 0; m < 60 && has(2, h) && result.size() < count; m++) {
            for (int s = 0; s < 60 && has(1, m) && result.size() < count; s++) {
              Instant t = day.atTime(LocalTime.of(h, m, s)).atZone(zone).toInstant();
              if (has(0, s) && t.isAfter(after)) {
                result.add(t);
              }
            }
          }
        }
      }
      return result;
    }
  }
}
