package cn.shudi.monitoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import cn.shudi.assessment.LatestRankings;
import cn.shudi.assessment.Outcome;
import cn.shudi.monitoring.Dashboard.Ranking;
import cn.shudi.monitoring.Dashboard.RankingLine;
import cn.shudi.organization.UnitType;

/**
 * The current evaluation ranking (双向互评 → 考核排名) for the dashboard, from the assessment feature's read API
 * ({@link LatestRankings}: the latest month of each jurisdiction). Where the assessment's tables are missing
 * (a bare engine) or do not answer, the section stays empty with a note.
 */
public class Rankings {

  static final String NOTE_MISSING = "考核排名表尚未建立（由考核模块 cn.shudi.assessment 生成），暂无排名。";
  static final String NOTE_UNREADABLE = "考核排名表与预期结构不符，暂不显示（详见服务器日志）。";
  static final String NOTE_EMPTY = "尚无本辖区的月度评价排名（每月 1 日评出上月排名）。";
  static final String NOTE_SOURCE = "月度评价排名：各辖区最近一期（部门、镇街分别排名）。";

  private static final Logger LOG = LoggerFactory.getLogger(Rankings.class);

  private final LatestRankings assessments;

  public Rankings(LatestRankings assessments) {
    this.assessments = assessments;
  }

  /** The latest ranking of the jurisdictions in scope. */
  Ranking current(MonitoringScope scope, Directory directory) {
    if (!tableExists()) {
      return new Ranking(false, NOTE_MISSING, List.of());
    }
    if (!scope.isAll() && scope.tenantIds().isEmpty()) {
      return new Ranking(true, NOTE_EMPTY, List.of());
    }
    try {
      List<RankingLine> rows = new ArrayList<>();
      for (LatestRankings.Line line : assessments.latest(scope.isAll() ? null : scope.tenantIds())) {
        String kind = line.unitType();
        String outcome = line.outcome();
        rows.add(new RankingLine(line.jurisdiction(), line.period(), line.unitGroup(),
            line.unitName() == null ? directory.unitName(line.jurisdiction(), line.unitGroup()) : line.unitName(),
            kind, UnitType.fromCode(kind).map(UnitType::shortLabel).orElse(kind), line.score(), line.rank(),
            outcome, outcomeLabel(outcome)));
      }
      rows.sort(Comparator.comparingInt(r -> directory.order(r.jurisdiction()))); // stable
      return new Ranking(true, rows.isEmpty() ? NOTE_EMPTY : NOTE_SOURCE, rows);
    } catch (DataAccessException e) {
      LOG.warn("考核排名读取失败：{}", e.getMessage());
      return new Ranking(false, NOTE_UNREADABLE, List.of());
    }
  }

  boolean tableExists() {
    try {
      return assessments.available();
    } catch (DataAccessException e) {
      LOG.warn("无法检查考核排名表：{}", e.getMessage());
      return false;
    }
  }

  /** 表扬 / 约谈, nothing otherwise. */
  private static String outcomeLabel(String code) {
    try {
      return code == null ? "" : Outcome.fromCode(code).label();
    } catch (IllegalArgumentException unknown) {
      return "";
    }
  }
}
