package cn.shudi.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxResults largest page a client may ask for with {@code maxResults}; the engine's own
 *     {@code queryMaxResultsLimit} caps unbounded lists the same way
 */
@ConfigurationProperties("shudi.security")
public record SecurityProperties(@DefaultValue("2000") int maxResults) {
}
