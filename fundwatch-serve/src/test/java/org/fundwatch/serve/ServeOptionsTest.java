package org.fundwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeOptionsTest {

    @Test
    void defaultsArePort8080EveryInterfaceTwoThousandRequestsAndOneMebibyte() {
        ServeOptions o = ServeOptions.defaults();

        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.address()).isEqualTo("0.0.0.0");
        assertThat(o.rateLimit()).isEqualTo(2000);
        assertThat(o.maxBody()).isEqualTo(1024 * 1024);
        assertThat(o.dataDir()).isEqualTo(Path.of("fundwatch-serve-data"));
        assertThat(o.feedbackFile()).isEqualTo(Path.of("fundwatch-serve-data", "feedback.jsonl"));
        assertThat(o.accessLog()).isEqualTo(Path.of("fundwatch-serve-data", "access.log"));
        assertThat(o.keysFile()).isEmpty();
        assertThat(o.codeMapping()).isEmpty();
        assertThat(o.insecureLocal()).isFalse();
    }

    @Test
    void refusesToStartWithoutKeysUnlessInsecureLocal() {
        assertThatThrownBy(() -> ServeOptions.defaults().check()).isInstanceOf(ServeException.class)
                .hasMessageStartingWith("[BAD_OPTION] no API keys");
        ServeOptions.defaults().withInsecureLocal(true).check();
    }

    @Test
    void insecureLocalListensOnLoopbackOnly() {
        assertThat(ServeOptions.defaults().withInsecureLocal(true).address()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> ServeOptions.defaults().withInsecureLocal(true).withBind("0.0.0.0").check())
                .hasMessageContaining("loopback interface only");
    }

    @Test
    void refusesKeysTogetherWithInsecureLocal() {
        assertThatThrownBy(() -> ServeOptions.defaults().withInsecureLocal(true).withKeysFile(Path.of("k.csv"))
                .check()).hasMessageContaining("leave out --keys");
    }

    @Test
    void refusesLimitsBelowOne() {
        ServeOptions keyed = ServeOptions.defaults().withKeysFile(Path.of("k.csv"));
        assertThatThrownBy(() -> keyed.withRateLimit(0).check()).hasMessageContaining("--rate-limit");
        assertThatThrownBy(() -> keyed.withMaxBody(0).check()).hasMessageContaining("--max-body");
        assertThatThrownBy(() -> keyed.withPort(70_000).check()).hasMessageContaining("--port");
    }
}
