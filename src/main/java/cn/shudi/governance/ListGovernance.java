package cn.shudi.governance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.shudi.blueprint.BlueprintDeployment;
import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The versions of the counties' lists and which one is in force. The database ({@code shudi_catalog_version})
 * is the record: the newest version of a county is its list in force, served through {@link Catalogs}.
 * <ul>
 * <li>{@link #check}: a proposal applied to the list in force, validated, nothing stored;</li>
 * <li>{@link #approve}: the same on the newest stored version, then the item's blueprint deployed and the
 * version stored, all in the caller's transaction; the list is put in force once that commits;</li>
 * <li>{@link #synchronise}: at start-up, the newer of the shipped catalog.csv and the stored versions is put in
 * force, and the blueprints of governed items are deployed again when the shipped ones took their place;</li>
 * <li>{@link #refresh}: another node's approvals are picked up (cluster).</li>
 * </ul>
 */
@Service
public class ListGovernance {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Logger LOG = LoggerFactory.getLogger(ListGovernance.class);

  /** The outcome of an approval: the version stored, or the problems that kept the list as it was. */
  record Approval(CatalogVersion version, Item item, VersionDiff diff, List<String> problems) {
    boolean applied() {
      return version != null;
    }
  }

  private final Organization organization;
  private final Catalogs catalogs;
  private final CatalogLoader loader;
  private final CatalogVersions versions;
  private final BlueprintPublisher publisher;
  /** The version number each county's list in force has on this node. */
  private final Map<String, Integer> served = new ConcurrentHashMap<>();

  ListGovernance(Organization organization, Catalogs catalogs, CatalogLoader loader, CatalogVersions versions,
      BlueprintPublisher publisher) {
    this.organization = organization;
    this.catalogs = catalogs;
    this.loader = loader;
    this.versions = versions;
    this.publisher = publisher;
  }

  // --- reading -----------------------------------------------------------------------------------

  public Jurisdiction jurisdiction(String code) {
    return organization.jurisdiction(code);
  }

  /** The stored versions of the county, oldest first (without their CSV text). */
  public List<CatalogVersion> versions(String jurisdiction) {
    return versions.list(jurisdiction);
  }

  public Optional<CatalogVersion> version(String jurisdiction, int number) {
    return versions.get(jurisdiction, number);
  }

  /** The version in force: the newest stored one. */
  public CatalogVersion current(String jurisdiction) {
    return versions.latest(jurisdiction)
        .orElseThrow(() -> new NoSuchElementException("辖区「" + jurisdiction + "」还没有清单版本"));
  }

  /** The list in force on this node. */
  public Catalog inForce(String jurisdiction) {
    return catalogs.of(jurisdiction);
  }

  /** The number of the version this node serves through {@link Catalogs}. */
  public int servedVersion(String jurisdiction) {
    return served.getOrDefault(jurisdiction, 0);
  }

  /** A stored version read back into a list (with the county's units as they are now). */
  public Catalog catalog(CatalogVersion version) {
    byte[] bytes = version.csv().getBytes(StandardCharsets.UTF_8);
    return loader.load(version.jurisdiction() + " 清单第" + version.number() + "版（" + version.label() + "）",
        () -> new ByteArrayInputStream(bytes), jurisdiction(version.jurisdiction()));
  }

  public VersionDiff diff(CatalogVersion from, CatalogVersion to) {
    return VersionDiff.between(from.ref(), catalog(from), to.ref(), catalog(to));
  }

  // --- proposals and decisions -------------------------------------------------------------------

  /** The proposal applied to the list in force, validated; nothing is stored. */
  Amendment.Result check(Jurisdiction jurisdiction, Proposal proposal) {
    Catalog current = catalogs.of(jurisdiction.code());
    return Amendment.apply(current, proposal, jurisdiction, current.version(), today(), loader);
  }

  /**
   * Applies an approved proposal to the newest stored version: validates the whole new list, deploys the item's
   * blueprint, stores the version. Runs in the caller's (the engine's) transaction, so all of it commits with the
   * decision or none of it does; the list is put in force after the commit. With problems nothing is done.
   */
  Approval approve(Jurisdiction jurisdiction, Proposal proposal, String caseId, String decidedBy) {
    CatalogVersion base = current(jurisdiction.code());
    Catalog baseList = catalog(base);
    String label = VersionLabels.next(base.label(), versions.labels(jurisdiction.code()));
    LocalDate effective = today();
    Amendment.Result result = Amendment.apply(baseList, proposal, jurisdiction, label, effective, loader);
    if (!result.valid()) {
      return new Approval(null, null, null, result.problems());
    }
    DeploymentWithDefinitions deployment = publisher.deploy(jurisdiction, List.of(result.item()));
    CatalogVersion version = new CatalogVersion(jurisdiction.code(), base.number() + 1, label, effective,
        result.csv(), proposal.admission() ? CatalogVersion.ADMISSION : CatalogVersion.ADJUSTMENT,
        result.item().code(), caseId, decidedBy, deployment.getId(), now());
    versions.insert(version);
    VersionDiff diff = VersionDiff.between(base.ref(), baseList, version.ref(), result.catalog());
    afterCommit(() -> serve(jurisdiction.code(), version.number(), result.catalog()));
    LOG.info("{}：清单第{}版（{}）已生效，{}「{} {}」，施工图部署 {}", jurisdiction.name(), version.number(), label,
        proposal.admission() ? "新增事项" : "调整事项", result.item().code(), result.item().name(), deployment.getId());
    return new Approval(version, result.item(), diff, List.of());
  }

  /** Puts a list in force unless a newer one already is (commits may finish out of order). */
  synchronized boolean serve(String jurisdiction, int number, Catalog catalog) {
    if (number <= servedVersion(jurisdiction)) {
      return false;
    }
    catalogs.replace(catalog);
    served.put(jurisdiction, number);
    return true;
  }

  // --- start-up and cluster ----------------------------------------------------------------------

  /**
   * At start-up, per county: the first time, the shipped catalog.csv becomes version 1. Afterwards the newer of
   * the shipped list and the newest stored version is put in force: a shipped list whose 版本 is an older stored
   * version (or the newest) changes nothing; a shipped list with a newer 版本 (analysts committed a new list) is
   * stored as the next version. Then every item in force that differs from the shipped list has its generated
   * blueprint deployed again where the start-up deployment of the shipped files took its place.
   */
  void synchronise() {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      synchronise(jurisdiction);
    }
  }

  void synchronise(Jurisdiction jurisdiction) {
    String code = jurisdiction.code();
    Catalog shipped = catalogs.of(code);
    Optional<CatalogVersion> latest = versions.latest(code);
    if (latest.isEmpty()) {
      versions.insert(shippedVersion(shipped, 1));
      served.put(code, 1);
      LOG.info("{}：清单 {} 记为第1版", jurisdiction.name(), shipped.version());
      return;
    }
    CatalogVersion newest = latest.get();
    Optional<CatalogVersion> same = versions.byLabel(code, shipped.version());
    Catalog inForce;
    if (same.isPresent() && same.get().number() == newest.number()) {
      inForce = shipped;
      served.put(code, newest.number());
      if (!CatalogRows.csv(shipped).equals(newest.csv())) {
        LOG.warn("{}：仓库中的清单 {} 与数据库中同一版本的内容不同：修改清单时请提高「版本」（以仓库中的为准）",
            jurisdiction.name(), shipped.version());
      }
    } else if (same.isEmpty() && VersionLabels.compare(shipped.version(), newest.label()) > 0) {
      CatalogVersion stored = shippedVersion(shipped, newest.number() + 1);
      versions.insert(stored);
      inForce = shipped;
      served.put(code, stored.number());
      LOG.info("{}：仓库中的清单 {} 比数据库中的第{}版（{}）新，记为第{}版", jurisdiction.name(), shipped.version(),
          newest.number(), newest.label(), stored.number());
    } else {
      if (same.isEmpty()) {
        LOG.warn("{}：仓库中的清单版本 {} 不在数据库中，也不比第{}版（{}）新：仍以数据库中的第{}版为准", jurisdiction.name(),
            shipped.version(), newest.number(), newest.label(), newest.number());
      }
      inForce = catalog(newest);
      catalogs.replace(inForce);
      served.put(code, newest.number());
      LOG.info("{}：数据库中的清单第{}版（{}）比仓库中的 {} 新，以它为准", jurisdiction.name(), newest.number(),
          newest.label(), shipped.version());
    }
    redeployGoverned(jurisdiction, shipped, inForce);
  }

  /**
   * The items in force that the shipped list does not have as they are (admitted or adjusted): their blueprint
   * must be the generated one. It is deployed again when the definition in force is missing or came from a
   * start-up deployment of the shipped files (or an older generation); a blueprint an analyst deployed by hand
   * since is left alone.
   */
  List<Item> redeployGoverned(Jurisdiction jurisdiction, Catalog shipped, Catalog inForce) {
    List<Item> stale = new ArrayList<>();
    for (Item item : inForce.items()) {
      Optional<Item> asShipped = shipped.item(item.code());
      if (asShipped.isPresent() && asShipped.get().equals(item)) {
        continue;
      }
      ProcessDefinition latest = publisher.latest(jurisdiction, item);
      if (publisher.isInForce(jurisdiction, item, latest)) {
        continue;
      }
      String source = latest == null ? null : publisher.sourceOf(latest);
      if (latest == null || BlueprintDeployment.SOURCE.equals(source) || BlueprintPublisher.SOURCE.equals(source)) {
        stale.add(item);
      } else {
        LOG.info("{}：事项 {} 的施工图由分析员另行部署（{}），保留", jurisdiction.name(), item.code(), source);
      }
    }
    if (!stale.isEmpty()) {
      DeploymentWithDefinitions deployment = publisher.deploy(jurisdiction, stale);
      LOG.info("{}：按清单第{}版重新生成并部署 {} 个事项的施工图（{}）", jurisdiction.name(), servedVersion(jurisdiction.code()),
          stale.size(), deployment.getId());
    }
    return stale;
  }

  /** Picks up versions another node approved. */
  void refresh() {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      int newest = versions.latestNumber(jurisdiction.code());
      if (newest > servedVersion(jurisdiction.code())) {
        versions.get(jurisdiction.code(), newest).ifPresent(v -> {
          if (serve(jurisdiction.code(), v.number(), catalog(v))) {
            LOG.info("{}：清单第{}版（{}）已在其他节点生效，本节点同步", jurisdiction.name(), v.number(), v.label());
          }
        });
      }
    }
  }

  private CatalogVersion shippedVersion(Catalog shipped, int number) {
    return new CatalogVersion(shipped.jurisdiction(), number, shipped.version(), shipped.effectiveDate(),
        CatalogRows.csv(shipped), CatalogVersion.SHIPPED, null, null, null, null, now());
  }

  /** Runs when the current transaction commits (the engine's, or Spring's), at once without one. */
  private static void afterCommit(Runnable action) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> action.run());
    } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }

  static LocalDate today() {
    return now().toLocalDate();
  }

  static LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE).withNano(0);
  }
}
