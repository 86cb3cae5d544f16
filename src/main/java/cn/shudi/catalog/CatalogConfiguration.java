package cn.shudi.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationProperties;

/** Loads the lists at start-up from the folder of the organization data; a bad list stops start-up. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  @Bean
  CatalogLoader catalogLoader() {
    return new CatalogLoader();
  }

  @Bean
  Catalogs catalogs(ResourceLoader resources, OrganizationProperties properties, Organization organization,
      CatalogLoader loader) {
    return Catalogs.load(resources, properties.location(), organization, loader);
  }
}
