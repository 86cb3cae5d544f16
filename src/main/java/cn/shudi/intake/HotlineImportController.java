package cn.shudi.intake;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * {@code POST /api/intake/{county}/imports}: 12345 hotline work orders from a file ({@link HotlineFile},
 * docs/hotline-import.md), multipart part {@code file}, .csv or .xlsx. The county's command centre (its staff and
 * dispatchers) and administrators only (403 for others). 201 with {@code {imported, requests}} when every row was
 * received; 400 (text/plain, one problem a line, each with its row) when any row has a problem — then nothing is
 * stored: the rows are checked before any is started, and all are started in one transaction.
 */
@RestController
@RequestMapping("/api/intake/{county}")
class HotlineImportController {

  private static final Logger LOG = LoggerFactory.getLogger(HotlineImportController.class);
  /** A progress line in the log every this many rows started. */
  static final int PROGRESS_EVERY = 100;

  /** What an import answers: how many requests were received, and their ids in the file's order. */
  record Imported(int imported, List<String> requests) {
  }

  private final Organization organization;
  private final HotlineFile hotlineFile;
  private final IntakeRequests requests;
  private final IdentityService identity;

  HotlineImportController(Organization organization, HotlineFile hotlineFile, IntakeRequests requests,
      @Lazy IdentityService identity) {
    this.organization = organization;
    this.hotlineFile = hotlineFile;
    this.requests = requests;
    this.identity = identity;
  }

  @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> importFile(@PathVariable String county,
      @RequestPart(name = "file", required = false) MultipartFile file) {
    Jurisdiction jurisdiction = organization.find(county).orElse(null);
    if (jurisdiction == null) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "未知辖区：" + county);
    }
    if (!mayImport(jurisdiction)) {
      return IntakeCallers.problem(HttpStatus.FORBIDDEN, "只有" + jurisdiction.shortName() + "指挥中心的工作人员、调度员和管理员可以导入热线工单");
    }
    if (file == null) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "请在表单字段 file 中上传热线工单文件（.csv 或 .xlsx）");
    }
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    List<HotlineFile.Row> rows;
    try {
      rows = hotlineFile.read(jurisdiction, name, file.getBytes());
    } catch (HotlineFile.RefusedFile refused) {
      LOG.info("热线工单导入（{}，{}）被拒绝：{} 处问题", jurisdiction.code(), name, refused.problems().size());
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, refused.lines());
    } catch (IOException e) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "文件读取失败：" + e.getMessage());
    }
    int total = rows.size();
    int[] started = {0};
    List<IntakeRequests.Submission> submissions = rows.stream()
        .map(r -> new IntakeRequests.Submission(r.request(), List.of())).toList();
    List<StoredRequest> stored;
    try {
      stored = requests.submitAll(jurisdiction, submissions, n -> {
        started[0] = n;
        if (n % PROGRESS_EVERY == 0) {
          LOG.info("热线工单导入：{}/{}", n, total);
        }
      });
    } catch (IntakeRefusal refusal) { // a work order received meanwhile by someone else
      HotlineFile.Problem problem = new HotlineFile.Problem(rows.get(Math.min(started[0], total - 1)).line(), 0,
          null, refusal.getMessage());
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, problem.toString());
    } catch (AuthorizationException e) {
      return IntakeCallers.problem(HttpStatus.FORBIDDEN, "无权受理诉求（启动诉求受理流程）：" + e.getMessage());
    }
    LOG.info("热线工单导入完成（{}，{}）：{} 件", jurisdiction.code(), name, stored.size());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new Imported(stored.size(), stored.stream().map(StoredRequest::id).toList()));
  }

  /** The county's command centre staff, its dispatchers, administrators. */
  private boolean mayImport(Jurisdiction county) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      return false;
    }
    return IntakeCallers.commandCentre(IntakeCallers.groups(user), county);
  }

}
