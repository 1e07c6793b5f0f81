package dev.curfew.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Redirect URIs: RFC 6749 §3.1.2, RFC 8252 §7 and §8.3, RFC 9700 §4.1.3")
class RedirectUrisTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/callback",
                "https://app.example.com:8443/cb?tenant=7",
                "http://localhost:3000/callback",
                "http://127.0.0.1:53211/",
                "http://[::1]:8080/cb",
                "HTTP://LOCALHOST/cb",
                "com.example.app:/oauth2redirect",
                "com.example.app://callback",
                "net.example-corp.mobile:/cb"
            })
    @DisplayName("https, http on a loopback host and a reverse-domain private-use scheme are accepted")
    void acceptedUris(String uri) {
        assertThat(RedirectUris.problem(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(document.domain)",
                "JavaScript://app.example.com/%0aalert(1)",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "vbscript:msgbox",
                "file:///etc/passwd",
                "myapp://callback",
                "com+example.app:/cb",
                "ftp://app.example.com/cb"
            })
    @DisplayName("regression: javascript:, data: and other schemes were accepted; §7.1 allows only reverse-domain ones")
    void otherSchemesAreRefused(String uri) {
        assertThat(RedirectUris.problem(uri))
                .hasValueSatisfying(p -> assertThat(p).contains("is not allowed"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://app.example.com/callback",
                "http://192.168.1.20:8080/cb",
                "http://localhost.example.com/cb",
                "http://localhost@evil.example.com/cb",
                "http://127.0.0.2/cb",
                "http://[::2]/cb"
            })
    @DisplayName("§8.3: plain http only on localhost, 127.0.0.1 or [::1]")
    void httpOffTheLoopbackInterfaceIsRefused(String uri) {
        assertThat(RedirectUris.problem(uri))
                .hasValueSatisfying(p -> assertThat(p).contains("must use https"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb#section", "http://localhost:3000/cb#", "com.example.app:/cb#x"})
    @DisplayName("RFC 6749 §3.1.2: no fragment, whatever the scheme")
    void fragmentsAreRefused(String uri) {
        assertThat(RedirectUris.problem(uri))
                .hasValueSatisfying(p -> assertThat(p).contains("fragment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/callback", "https:///cb", "https://*.example.com/cb", "not a uri"})
    @DisplayName("empty, relative, host-less, wildcard and malformed URIs are refused")
    void malformedUrisAreRefused(String uri) {
        assertThat(RedirectUris.problem(uri)).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1/cb, http://127.0.0.1:49152/cb",
        "http://127.0.0.1:8080/cb, http://127.0.0.1:61000/cb",
        "http://[::1]:8080/cb?x=1, http://[::1]:50000/cb?x=1",
        "https://app.example.com/cb, https://app.example.com/cb"
    })
    @DisplayName("§7.3: a loopback IP redirect URI matches with any port")
    void loopbackIpUrisMatchWithAnyPort(String registered, String requested) {
        assertThat(RedirectUris.matches(registered, requested)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:3000/cb, http://localhost:3001/cb",
        "http://127.0.0.1:8080/cb, http://127.0.0.1:8080/other",
        "http://127.0.0.1:8080/cb, http://[::1]:8080/cb",
        "http://127.0.0.1:8080/cb, http://127.0.0.1:99999/cb",
        "http://127.0.0.1:8080/cb, http://127.0.0.1:8081/cb#x",
        "https://app.example.com/cb, https://app.example.com:444/cb",
        "https://app.example.com/cb, https://app.example.com/cb/"
    })
    @DisplayName("RFC 9700 §4.1.3: any other difference is no match")
    void otherDifferencesDoNotMatch(String registered, String requested) {
        assertThat(RedirectUris.matches(registered, requested)).isFalse();
    }
}
