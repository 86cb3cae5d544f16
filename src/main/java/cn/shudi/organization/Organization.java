package cn.shudi.organization;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** All jurisdictions the platform hosts, as read from the data files at start-up. */
public record Organization(List<Jurisdiction> jurisdictions) {

  public Organization {
    jurisdictions = List.copyOf(jurisdictions);
  }

  public Optional<Jurisdiction> find(String code) {
    return jurisdictions.stream().filter(j -> j.code().equals(code)).findFirst();
  }

  public Jurisdiction jurisdiction(String code) {
    return find(code).orElseThrow(() -> new NoSuchElementException("未知辖区：" + code));
  }
}
