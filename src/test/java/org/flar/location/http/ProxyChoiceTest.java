package org.flar.location.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which proxy a URL goes through, as curl chooses it from the environment. */
class ProxyChoiceTest {
    private static final URI HTTPS = URI.create("https://images.example.com/web01.flar");

    @Test
    void theSchemesVariableInEitherCaseUnlessNoProxyNamesTheHost() {
        assertThat(ProxyChoice.of(HTTPS, null, Map.of("HTTPS_PROXY", "proxy:3128"))).isNotNull();
        assertThat(ProxyChoice.of(HTTPS, null, Map.of("http_proxy", "http://proxy:3128"))).as("http_proxy is for http").isNull();
        assertThat(ProxyChoice.of(HTTPS, null, Map.of("https_proxy", "http://proxy:3128", "no_proxy", "localhost,.example.com"))).isNull();
        assertThat(ProxyChoice.of(HTTPS, null, Map.of("https_proxy", "http://proxy:3128", "no_proxy", "example.com"))).isNull();
        assertThat(ProxyChoice.of(HTTPS, null, Map.of("https_proxy", "http://proxy:3128", "NO_PROXY", "*"))).isNull();
        assertThat(ProxyChoice.of(HTTPS, null, Map.of("https_proxy", "http://proxy:3128", "no_proxy", "ample.com"))).isNotNull();
    }

    @Test
    void aGivenProxyWinsAndMayNotCarryCredentials() {
        assertThat(ProxyChoice.of(HTTPS, URI.create("http://squid:3128"), Map.of("NO_PROXY", "*"))).isNotNull();
        assertThatThrownBy(() -> ProxyChoice.of(HTTPS, URI.create("http://u:p@squid:3128"), Map.of()))
                .hasMessage("proxy squid: credentials in a proxy URL are not supported");
    }
}
