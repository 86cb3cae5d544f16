package cn.shudi.assessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import cn.shudi.evaluation.Readers;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Role;
import cn.shudi.organization.UnitType;

/**
 * The monthly assessment (月度评价排名) of one county, {@code ${assessment.runMonthly(execution)}} in
 * shared_monthly_assessment, whose timer starts it on the 1st of every month in every county's tenant:
 * gathers the previous month ({@link MonthlyMetrics}), ranks departments and townships
 * ({@link RankingFormula}), stores the ranking (replacing an earlier run of the same month) and writes it
 * as .xlsx to {@code shudi.assessment.export-dir}.
 */
@Component(MonthlyAssessmentProcess.ASSESSMENT_BEAN)
public class Assessment {

  private static final Logger LOG = LoggerFactory.getLogger(Assessment.class);

  private final Organization organization;
  private final MonthlyMetrics metrics;
  private final AssessmentStore store;
  private final AssessmentProperties properties;
  private final IdentityService identity;

  Assessment(Organization organization, MonthlyMetrics metrics, AssessmentStore store,
      AssessmentProperties properties, @Lazy IdentityService identity) {
    this.organization = organization;
    this.metrics = metrics;
    this.store = store;
    this.properties = properties;
    this.identity = identity;
  }

  /**
   * The process adapter: assesses the month before the engine's "now" (or {@code assessmentPeriod}) for the
   * process's county, and leaves the outcome in variables Cockpit shows ({@link MonthlyAssessmentProcess}).
   */
  public void runMonthly(DelegateExecution execution) {
    Jurisdiction jurisdiction = organization.find(execution.getTenantId()).orElseThrow(() -> new NotValidException(
        "流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能评价排名"));
    Authentication user = identity.getCurrentAuthentication();
    if (user != null && !Readers.mayReadCounty(user, jurisdiction)) {
      throw new NotValidException("月度评价排名由定时器每月自动生成；手工重算只能由" + jurisdiction.shortName()
          + "的指挥调度员、督查人员、清单分析员或系统管理员发起");
    }
    YearMonth period = period(MonthlyAssessmentProcess.PERIOD.get(execution), jurisdiction);
    MonthlyRanking ranking = run(jurisdiction, period, execution.getProcessInstanceId());
    MonthlyAssessmentProcess.PERIOD.set(execution, period.toString());
    MonthlyAssessmentProcess.FORMULA_VERSION.set(execution, ranking.formulaVersion());
    MonthlyAssessmentProcess.COMMENDED_DEPARTMENTS.set(execution, names(ranking.commendedDepartments()));
    MonthlyAssessmentProcess.SUMMONED_DEPARTMENTS.set(execution, names(ranking.summonedDepartments()));
    MonthlyAssessmentProcess.SUMMONED_TOWNSHIPS.set(execution, names(ranking.summonedTownships()));
    MonthlyAssessmentProcess.ASSESSMENT_FILE.set(execution, ranking.exportFile());
    MonthlyAssessmentProcess.SUPERVISORS_GROUP.set(execution, Role.SUPERVISOR.groupId(jurisdiction));
  }

  /** Assesses the county's month now (engine clock), stores and exports the ranking. */
  public MonthlyRanking run(Jurisdiction jurisdiction, YearMonth period, String processInstanceId) {
    Date now = ClockUtil.getCurrentTime();
    List<UnitMetrics> units = withoutAuthorization(() -> metrics.collect(jurisdiction, period, now));
    MonthlyRanking ranking = new MonthlyRanking(UUID.randomUUID().toString(), jurisdiction.code(),
        jurisdiction.shortName(), period, RankingFormula.VERSION,
        LocalDateTime.ofInstant(now.toInstant(), jurisdiction.zone()).withNano(0),
        RankingFormula.rankDepartments(units.stream().filter(u -> u.kind() == UnitType.DEPARTMENT).toList()),
        RankingFormula.rankTownships(units.stream().filter(u -> u.kind() == UnitType.TOWNSHIP).toList()), null);
    Path file = exportFile(jurisdiction.code(), period);
    ranking = ranking.withExportFile(file.toString());
    store.save(ranking, processInstanceId);
    export(ranking, file);
    LOG.info("{} {} 评价排名已生成（公式 {}）：表扬 {}；约谈部门 {}；约谈镇街 {}；文件 {}", jurisdiction.shortName(), period,
        ranking.formulaVersion(), names(ranking.commendedDepartments()), names(ranking.summonedDepartments()),
        names(ranking.summonedTownships()), file);
    return ranking;
  }

  /** The stored ranking of a county's month. */
  public java.util.Optional<MonthlyRanking> find(Jurisdiction jurisdiction, YearMonth period) {
    return store.find(jurisdiction.code(), jurisdiction.shortName(), period);
  }

  /** {@code <export-dir>/<jurisdiction>/<yyyy-MM>.xlsx}. */
  public Path exportFile(String jurisdiction, YearMonth period) {
    return properties.exportDir().resolve(jurisdiction).resolve(period + ".xlsx").toAbsolutePath().normalize();
  }

  /** The month before now (the county's time), or the given {@code yyyy-MM}. */
  static YearMonth period(String requested, Jurisdiction jurisdiction) {
    if (requested != null && !requested.isBlank()) {
      try {
        return YearMonth.parse(requested.trim());
      } catch (DateTimeParseException e) {
        throw new NotValidException("评价月份应为 yyyy-MM（如 2026-01），收到：" + requested);
      }
    }
    return YearMonth.from(jurisdiction.now())
        .minusMonths(1);
  }

  /** Written next to its final name first, then moved over it: a reader never sees half a file. */
  private static void export(MonthlyRanking ranking, Path file) {
    byte[] workbook = AssessmentWorkbook.write(ranking);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), "." + ranking.period(), ".xlsx.tmp");
      try {
        Files.write(temporary, workbook);
        try {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("评价排名表无法写入 " + file, e);
    }
  }

  /**
   * The assessment reads the whole county's history, whoever triggered it: a user's authorizations
   * (when a run is started from an authenticated call) must not thin out the figures.
   */
  private <T> T withoutAuthorization(java.util.function.Supplier<T> work) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null) {
      return work.get();
    }
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      identity.setAuthentication(user);
    }
  }

  static String names(List<UnitResult> units) {
    return units.stream().map(UnitResult::unitName).collect(Collectors.joining("、"));
  }
}
