package org.fundwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExchangeFormatTest {

    @Test
    void declaresEveryTableOfFormatVersionOne() {
        assertThat(ExchangeFormat.TABLES).extracting(Table::name).containsExactly(
                "psn_info", "medins_info", "med_list", "kb_item_limit", "kb_item_pair", "mdtrt", "diseinfo",
                "setl", "feedetail", "inv_io", "psn_approval", "ext_death", "ext_custody");
    }

    @Test
    void everyReferencePointsToAnEarlierTableAndExistingColumns() {
        Set<String> loaded = new HashSet<>();
        for (Table t : ExchangeFormat.TABLES) {
            for (Reference r : t.references()) {
                Table target = ExchangeFormat.requireTable(r.table());
                assertThat(loaded.contains(target.name()) || target == t)
                        .as("%s references %s which loads later", t.name(), r.table()).isTrue();
                r.columns().forEach(t::requireColumn);
                r.targetColumns().forEach(target::requireColumn);
            }
            loaded.add(t.name());
        }
    }

    @Test
    void keysAreRequiredColumns() {
        for (Table t : ExchangeFormat.TABLES) {
            for (String k : t.key()) {
                assertThat(t.requireColumn(k).required()).as("%s.%s", t.name(), k).isTrue();
            }
        }
    }

    @Test
    void moneyIsDecimalAndTimesHaveNoZone() {
        assertThat(ExchangeFormat.FEEDETAIL.requireColumn("det_item_fee_sumamt").type().sqlType())
                .isEqualTo("DECIMAL(16,2)");
        assertThat(ExchangeFormat.FEEDETAIL.requireColumn("pric").type().sqlType()).isEqualTo("DECIMAL(16,6)");
        assertThat(ExchangeFormat.FEEDETAIL.requireColumn("cnt").type().sqlType()).isEqualTo("DECIMAL(16,4)");
        assertThat(ExchangeFormat.FEEDETAIL.requireColumn("fee_ocur_time").type().sqlType()).isEqualTo("TIMESTAMP");
    }

    @Test
    void ddlListsLeadingSchemaAndExtraColumns() {
        String ddl = SqlDdl.createTable("stg_ext_death", ExchangeFormat.EXT_DEATH, List.of("_line BIGINT"),
                List.of("note \"x\""));
        assertThat(ddl).isEqualTo("CREATE TABLE stg_ext_death (_line BIGINT, certno VARCHAR, die_date DATE, "
                + "src VARCHAR, \"note \"\"x\"\"\" VARCHAR)");
    }

    @Test
    void refusesIdentifiersThatAreNotPlain() {
        assertThatThrownBy(() -> SqlDdl.identifier("x; drop table y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void medTypeSettingsFollowTheDefaultTable() {
        MedTypeSettings s = MedTypeSettings.defaults();
        assertThat(s.settingOf("21")).isEqualTo(CareSetting.INPATIENT);
        assertThat(s.settingOf("2101")).isEqualTo(CareSetting.INPATIENT);
        assertThat(s.settingOf("52")).isEqualTo(CareSetting.INPATIENT);
        assertThat(s.settingOf("51")).isEqualTo(CareSetting.OUTPATIENT);
        assertThat(s.settingOf("41")).isEqualTo(CareSetting.PHARMACY);
        assertThat(s.settingOf("11")).isEqualTo(CareSetting.OUTPATIENT);
    }

    @Test
    void aBureauFileOverridesAndExtendsTheMedTypeDefaults(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("med_type_setting.csv");
        java.nio.file.Files.writeString(file, "prefix,setting\n# local codes\n9901,INPATIENT\n41,OUTPATIENT\n");
        MedTypeSettings s = MedTypeSettings.defaultsWith(file);
        assertThat(s.settingOf("9901")).isEqualTo(CareSetting.INPATIENT);
        assertThat(s.settingOf("41")).isEqualTo(CareSetting.OUTPATIENT);
        assertThat(s.settingOf("21")).isEqualTo(CareSetting.INPATIENT);
    }

    @Test
    void aMedTypeFileWithAnUnknownSettingNamesTheLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("m.csv");
        java.nio.file.Files.writeString(file, "2,WARD\n");
        assertThatThrownBy(() -> MedTypeSettings.defaultsWith(file)).hasMessageContaining("m.csv:1")
                .hasMessageContaining("WARD");
    }

    @Test
    void unknownTableIsNamedInTheError() {
        assertThatThrownBy(() -> ExchangeFormat.requireTable("fee")).hasMessageContaining("unknown table fee");
    }
}
