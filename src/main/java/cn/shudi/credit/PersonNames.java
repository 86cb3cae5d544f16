package cn.shudi.credit;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * Who did what, as staff read it: a login id becomes the person's name and unit, e.g. 「张三（区市场监管局）」
 * (first and last name as the platform stores them, 「系统管理员」; the unit unless the name already says it).
 * Read with the platform's rights: a staff member may not list other users, but may read who handled a
 * record they see. An id without a user stays as it is.
 */
@Component
record PersonNames(ProcessEngine engine, Organization organization) {

  /** Display names of the ids, looked up once each. */
  Map<String, String> of(Iterable<String> ids) {
    Map<String, String> names = new HashMap<>();
    for (String id : ids) {
      if (id != null && !names.containsKey(id)) {
        names.put(id, name(id));
      }
    }
    return names;
  }

  private String name(String id) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute((CommandContext context) -> {
          context.disableAuthorizationCheck();
          User user = context.getReadOnlyIdentityProvider().findUserById(id);
          if (user == null) {
            return id;
          }
          String name = (nonNull(user.getFirstName()) + nonNull(user.getLastName())).trim();
          if (name.isEmpty()) {
            name = id;
          }
          String unit = null;
          for (Group group : context.getReadOnlyIdentityProvider().createGroupQuery().groupMember(id).list()) {
            unit = organization.jurisdictions().stream().flatMap(j -> j.unitOfGroup(group.getId()).stream())
                .map(Unit::shortName).findFirst().orElse(unit);
            if (unit != null) {
              break;
            }
          }
          return unit == null || name.contains(unit) ? name : name + "（" + unit + "）";
        });
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
