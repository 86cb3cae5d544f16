package cn.shudi.intake;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.casework.Deadlines;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The adapters of {@link IntakeProcess} (names on the expression allow-list, docs/security.md). Each reads the
 * process's typed variables, lets {@link IntakeDesk} decide on plain values and writes back what the next steps
 * read:
 * <ul>
 * <li>{@code ${intake.receive(execution)}} (登记诉求): checks and stores the request, moves the contact out of the
 * process, sets the suggestion, the warning and the possible duplicates for 研判派单.</li>
 * <li>{@code ${intake.decide(task)}} (研判派单, on complete): dispatch by the list, duplicate or off the list.</li>
 * <li>{@code ${intake.caseKey(execution)}} (办理案件's called element): the dispatched item's blueprint.</li>
 * <li>{@code ${intake.sign(task)}} and {@code ${intake.signLapsed(execution)}} (签收派单 and its timer).</li>
 * <li>{@code ${intake.reviewReturn(task)}} (复核退单).</li>
 * <li>{@code ${intake.close(execution)}} (记录办理结果) and {@code ${intake.callback(task)}} (回访诉求人).</li>
 * </ul>
 */
@Component(IntakeProcess.BEAN)
public class Intake {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Organization organization;
  private final IntakeDesk desk;
  private final Deadlines deadlines;

  Intake(Organization organization, IntakeDesk desk, Deadlines deadlines) {
    this.organization = organization;
    this.desk = desk;
    this.deadlines = deadlines;
  }

  public void receive(DelegateExecution execution) {
    Jurisdiction county = county(execution.getTenantId(), execution.getProcessDefinitionId());
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    desk.requireMayGiveSource(county, IntakeProcess.SOURCE.get(execution), starter == null
        || starter.getUserId() == null ? null : starter.getGroupIds() == null ? List.of() : starter.getGroupIds());
    IntakeDesk.Checked checked = desk.check(county, new IntakeDesk.NewRequest(IntakeProcess.KIND.get(execution),
        IntakeProcess.SOURCE.get(execution), IntakeProcess.EXTERNAL_ID.get(execution),
        IntakeProcess.TEXT.get(execution), IntakeProcess.TOWNSHIP.get(execution), IntakeProcess.GRID.get(execution),
        IntakeProcess.LATITUDE.get(execution), IntakeProcess.LONGITUDE.get(execution),
        IntakeProcess.CONTACT_NAME.get(execution), IntakeProcess.CONTACT_PHONE.get(execution)));
    execution.removeVariable(IntakeProcess.CONTACT_NAME.name());
    execution.removeVariable(IntakeProcess.CONTACT_PHONE.name());
    IntakeDesk.Received received = desk.receive(county, checked, execution.getProcessInstanceId(), user(execution));
    StoredRequest request = received.request();
    execution.setProcessBusinessKey(request.id());
    IntakeProcess.REQUEST_ID.set(execution, request.id());
    IntakeProcess.JURISDICTION.set(execution, county.code());
    IntakeProcess.COMMAND_CENTRE_GROUP.set(execution, county.commandCentre().groupId());
    IntakeProcess.TOWNSHIP.set(execution, checked.township().code());
    IntakeProcess.TOWNSHIP_NAME.set(execution, checked.township().shortName());
    IntakeProcess.TEXT.set(execution, request.text());
    IntakeProcess.CASE_SUBJECT.set(execution, subject(request.text()));
    IntakeProcess.CASE_DESCRIPTION.set(execution, request.text());
    IntakeProcess.REWORKED.set(execution, false);
    showSuggestion(execution, received);
  }

  /** What 研判派单 shows: the three candidates with why, the warning, the possible duplicates. */
  private static void showSuggestion(DelegateExecution execution, IntakeDesk.Received received) {
    Suggestion suggestion = received.suggestion();
    List<Map<String, String>> items = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    int rank = 1;
    for (Suggestion.Candidate candidate : suggestion.candidates()) {
      String why = candidate.why().isEmpty() ? "" : "（命中：" + String.join("、", candidate.why()) + "）";
      items.add(Map.of("label", candidate.code() + " " + candidate.name() + why, "value", candidate.code()));
      lines.add(rank++ + ". " + candidate.code() + " " + candidate.name() + why);
    }
    IntakeProcess.SUGGESTION_TEXT.set(execution, lines.isEmpty() ? "清单中没有与诉求相符的事项。" : String.join("\n", lines));
    IntakeProcess.WARNING.set(execution, suggestion.outsideList()
        ? "⚠ 研判提示：这件诉求看来不在清单内（" + (suggestion.candidates().isEmpty() ? "没有相符的事项" : "相符程度低")
            + "）。清单之外无属地管理事项：如确认不在清单内，请选择「清单外，交主管部门办理」。"
        : "");
    List<Map<String, String>> duplicates = new ArrayList<>();
    for (StoredRequest earlier : received.duplicates()) {
      duplicates.add(Map.of("label", earlier.id() + "（" + SHOWN.format(earlier.receivedAt()) + "，"
          + (earlier.grid() == null ? "" : earlier.grid() + "，") + earlier.state().label() + "）：" + subject(
              earlier.text()), "value", earlier.id()));
    }
    IntakeProcess.DUPLICATES_TEXT.set(execution, duplicates.isEmpty() ? ""
        : "⚠ 疑似重复：近期同一事项附近或同一网格内有 " + duplicates.size() + " 件相近的诉求，见下方「原诉求」。");
    execution.setVariable(IntakeProcess.ITEM_OPTIONS, json(items));
    execution.setVariable(IntakeProcess.DUPLICATE_OPTIONS, json(duplicates));
  }

  public void decide(DelegateTask task) {
    Jurisdiction county = county(task.getTenantId(), task.getProcessDefinitionId());
    StoredRequest request = request(task);
    String decision = IntakeProcess.DECISION.get(task);
    if (IntakeProcess.DUPLICATE.equals(decision)) {
      StoredRequest original = desk.original(county, request, IntakeProcess.DUPLICATE_OF.get(task));
      desk.duplicate(county, request, original);
      IntakeProcess.DUPLICATE_OF.set(task, original.id());
      return;
    }
    IntakeDesk.Assignment assignment;
    if (IntakeProcess.DISPATCH.equals(decision)) {
      String correction = IntakeProcess.ITEM_CORRECTION.get(task);
      String code = correction == null || correction.isBlank() ? IntakeProcess.ITEM_CHOICE.get(task) : correction;
      assignment = desk.byList(county, request, code);
      requireRunnable(task.getProcessEngineServices().getRepositoryService(), county,
          assignment.item().orElseThrow().code(), "派单");
    } else if (IntakeProcess.OFF_LIST.equals(decision)) {
      assignment = desk.offList(county, IntakeProcess.COMPETENT_DEPARTMENT.get(task));
    } else {
      throw new IntakeRefusal("请选择处置方式：按清单派单、并入原诉求，或清单外交主管部门办理");
    }
    LocalDateTime due = local(county, deadlines.after(assignment.timeLimit()));
    LocalDateTime signDue = local(county, deadlines.after(IntakeDesk.SIGN_LIMIT));
    desk.dispatch(county, request, assignment, task.getId(), due, signDue);
    assignment.item().ifPresent(item -> {
      IntakeProcess.ITEM_CODE.set(task, item.code());
      IntakeProcess.ITEM_NAME.set(task, item.name());
    });
    IntakeProcess.PRIMARY_GROUP.set(task, assignment.primary().groupId());
    IntakeProcess.PRIMARY_NAME.set(task, assignment.primary().shortName());
    IntakeProcess.COOPERATING_NAMES.set(task,
        assignment.cooperating().stream().map(Unit::shortName).collect(Collectors.joining("、")));
    IntakeProcess.TIME_LIMIT.set(task, assignment.timeLimit());
  }

  /** The called element of 办理案件: the blueprint of the item the request was dispatched by, as stored. */
  public String caseKey(DelegateExecution execution) {
    StoredRequest request = request(execution);
    if (request.itemCode() == null) {
      throw new IllegalStateException("诉求 " + request.id() + " 没有按清单派单，不能办理案件");
    }
    requireRunnable(execution.getProcessEngineServices().getRepositoryService(),
        county(execution.getTenantId(), execution.getProcessDefinitionId()), request.itemCode(), "办理");
    return request.itemCode().toLowerCase(Locale.ROOT);
  }

  /**
   * The item's blueprint can start a case in the county: deployed, its latest version not suspended. Checked at the
   * dispatch and again when the case starts (up to three working days later), so neither becomes an incident.
   */
  private static void requireRunnable(RepositoryService repository, Jurisdiction county, String itemCode,
      String what) {
    ProcessDefinition latest = repository.createProcessDefinitionQuery()
        .processDefinitionKey(itemCode.toLowerCase(Locale.ROOT)).tenantIdIn(county.tenantId()).latestVersion()
        .singleResult();
    if (latest == null || latest.isSuspended()) {
      throw new IntakeRefusal("事项「" + itemCode + "」的流程" + (latest == null ? "尚未部署" : "已暂停") + "，不能" + what
          + "：请联系清单分析员，或由指挥中心重新研判派单");
    }
  }

  public void sign(DelegateTask task) {
    desk.sign(county(task.getTenantId(), task.getProcessDefinitionId()), request(task), IntakeProcess.SIGNED.get(task),
        IntakeProcess.RETURN_REASON.get(task), IntakeProcess.RETURN_EVIDENCE.get(task));
  }

  public void signLapsed(DelegateExecution execution) {
    desk.signLapsed(county(execution.getTenantId(), execution.getProcessDefinitionId()), request(execution));
    IntakeProcess.SIGNED.set(execution, IntakeProcess.YES);
  }

  public void reviewReturn(DelegateTask task) {
    String upheld = IntakeProcess.RETURN_UPHELD.get(task);
    if (!IntakeProcess.YES.equals(upheld) && !IntakeProcess.NO.equals(upheld)) {
      throw new IntakeRefusal("请选择退单理由是否成立");
    }
    desk.decideReturn(county(task.getTenantId(), task.getProcessDefinitionId()), request(task),
        IntakeProcess.YES.equals(upheld), IntakeProcess.RETURN_DECISION.get(task), user(task));
  }

  /** 记录办理结果: the case's result (or the department's own work's, or the work again's). */
  public void close(DelegateExecution execution) {
    Jurisdiction county = county(execution.getTenantId(), execution.getProcessDefinitionId());
    StoredRequest request = request(execution);
    if (request.itemCode() != null && request.caseInstanceId() == null) {
      execution.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
          .superProcessInstanceId(execution.getProcessInstanceId()).list().stream().findFirst()
          .ifPresent(c -> desk.caseStarted(request, c.getId()));
    }
    desk.closed(county, request, Optional.ofNullable(IntakeProcess.WORK_RESULT.get(execution)).orElse(""));
  }

  public void callback(DelegateTask task) {
    boolean reworked = Boolean.TRUE.equals(IntakeProcess.REWORKED.get(task));
    boolean rework = desk.callback(county(task.getTenantId(), task.getProcessDefinitionId()), request(task),
        task.getId(), IntakeProcess.REACHED.get(task), IntakeProcess.SOLVED.get(task),
        IntakeProcess.RATING.get(task), IntakeProcess.CALLBACK_COMMENT.get(task), user(task), reworked);
    IntakeProcess.REWORK_NEEDED.set(task, rework);
    if (rework) {
      IntakeProcess.REWORKED.set(task, true);
    }
  }

  /**
   * The request this process carries: by the process's business key (set by 登记诉求, which no form can change), never
   * by a variable a completing user could send along; a request of another process is refused.
   */
  private StoredRequest request(DelegateExecution execution) {
    String id = execution.getProcessBusinessKey();
    StoredRequest request = (id == null ? Optional.<StoredRequest>empty() : desk.request(id))
        .filter(r -> r.processInstanceId().equals(execution.getProcessInstanceId()))
        .orElseThrow(() -> new IllegalStateException("流程 " + execution.getProcessInstanceId() + " 没有登记的诉求"));
    return request;
  }

  private StoredRequest request(DelegateTask task) {
    return request(task.getExecution());
  }

  private Jurisdiction county(String tenant, String definition) {
    return (tenant == null ? Optional.<Jurisdiction>empty() : organization.find(tenant)).orElseThrow(
        () -> new IntakeRefusal("诉求受理流程「" + definition + "」未部署在任何辖区（租户）下，不能受理诉求"));
  }

  private LocalDateTime local(Jurisdiction county, java.util.Date date) {
    return LocalDateTime.ofInstant(date.toInstant(), county.zone());
  }

  private static String user(DelegateExecution execution) {
    Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  private static String user(DelegateTask task) {
    return user(task.getExecution());
  }

  /** The first 30 characters of the text: the case's subject. */
  static String subject(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 30 ? line : line.substring(0, 30) + "…";
  }

  private static Object json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
