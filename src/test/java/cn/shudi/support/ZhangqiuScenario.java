package cn.shudi.support;

import java.time.LocalDateTime;

/**
 * The demo county the process scenario tests play in (章丘区, {@link OneCountyProcessTest}): the groups of the
 * units they act as, and the Monday morning their engine clock starts on, so working days are plain. The
 * scenario test bases implement it, so every scenario test names the units the same way.
 */
public interface ZhangqiuScenario {

  String COMMAND = "zhangqiu_command";
  String MINGSHUI = "zhangqiu_mingshui";
  String MARKET = "zhangqiu_market";
  String AGRICULTURE = "zhangqiu_agriculture";
  String URBAN = "zhangqiu_urban";
  String ECOLOGY = "zhangqiu_ecology";
  String HOUSING = "zhangqiu_housing";
  String RESOURCES = "zhangqiu_resources";
  String CIVIL = "zhangqiu_civil";
  String FINANCE = "zhangqiu_finance";

  /** Monday 3 March 2025, 09:00 in the counties' time zone. */
  LocalDateTime MONDAY_MORNING = LocalDateTime.of(2025, 3, 3, 9, 0);
}
