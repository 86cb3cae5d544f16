package cn.shudi.catalog;

import java.util.List;

/**
 * The column headers of catalog.csv (docs/catalog-format.md), shared by the loader, the importer and
 * governance, which writes lists back.
 */
public final class CatalogColumns {

  private CatalogColumns() {
  }

  public static final String CODE = "编码";
  public static final String NUMBER = "序号";
  public static final String DOMAIN = "领域";
  public static final String NAME = "事项名称";
  public static final String TOWNSHIP_PRIMARY = "镇街主体";
  public static final String PRIMARY_UNIT = "主体责任单位";
  public static final String PRIMARY_DUTIES = "主体责任";
  public static final String COOPERATING_UNITS = "配合责任单位";
  public static final String COOPERATING_DUTIES = "配合责任";
  public static final String LEGAL_BASIS = "依据";
  public static final String TIME_LIMIT = "办结时限";
  public static final String CALL_RESPONSE_TIME = "呼叫响应时限";
  public static final String SOURCE = "来源";
  /** The case patterns of the primary unit's steps: {@code 检查：监督检查；执法：查处违法} (may be empty). */
  public static final String PATTERNS = "案件模式";

  /** Exactly these, in this order: the official table's order plus the platform's columns. */
  public static final List<String> HEADER = List.of(CODE, NUMBER, DOMAIN, NAME, TOWNSHIP_PRIMARY, PRIMARY_UNIT,
      PRIMARY_DUTIES, COOPERATING_UNITS, COOPERATING_DUTIES, LEGAL_BASIS, TIME_LIMIT, CALL_RESPONSE_TIME, SOURCE,
      PATTERNS);

  /** The header of lists written before the case patterns: still read, as lists without any. */
  public static final List<String> HEADER_WITHOUT_PATTERNS = HEADER.subList(0, HEADER.size() - 1);

  /** Several patterns in one cell are separated by this; each is {@code 模式：任务名称}. */
  public static final String PATTERN_SEPARATOR = "；";

  public static final String YES = "是";
  public static final String NO = "否";

  /** Several cooperating units in one cell are separated by this. */
  public static final String UNIT_SEPARATOR = "、";

  /** Header comment keys. */
  public static final String TITLE_KEY = "清单";
  public static final String VERSION_KEY = "版本";
  public static final String EFFECTIVE_DATE_KEY = "生效日期";
}
