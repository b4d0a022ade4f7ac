package org.fundwatch.serve.fsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeMappingTest {
    @TempDir
    Path dir;

    @Test
    void identityKeepsFundwatchCodes() {
        CodeMapping identity = CodeMapping.identity();

        assertThat(identity.violationType("OVER_PRICE_CAP")).isEqualTo("OVER_PRICE_CAP");
        assertThat(identity.severity(2)).isEqualTo("2");
    }

    @Test
    void translatesTheListedCodesAndKeepsTheOthers() throws IOException {
        Path f = Files.writeString(dir.resolve("codes.properties"),
                "# 本局字典\nvola_bhvr_type.OVER_PRICE_CAP=0101\nsev_deg.1=明确违规\n", StandardCharsets.UTF_8);

        CodeMapping codes = CodeMapping.load(f);

        assertThat(codes.violationType("OVER_PRICE_CAP")).isEqualTo("0101");
        assertThat(codes.violationType("NOT_COVERED")).isEqualTo("NOT_COVERED");
        assertThat(codes.severity(1)).isEqualTo("明确违规");
        assertThat(codes.severity(3)).isEqualTo("3");
    }

    @Test
    void refusesAnUnknownViolationTypeOrKey() throws IOException {
        Path type = Files.writeString(dir.resolve("a.properties"), "vola_bhvr_type.OVERPRICE=1\n");
        assertThatThrownBy(() -> CodeMapping.load(type)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OVERPRICE is not a violation type");

        Path key = Files.writeString(dir.resolve("b.properties"), "sev_deg.4=x\n");
        assertThatThrownBy(() -> CodeMapping.load(key)).hasMessageContaining("expected vola_bhvr_type.<TYPE>");
    }
}
