package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A wrong setting stops the start with one message that names the property, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "switchboard.novu.base-url=api.novu.co        | switchboard.novu.base-url",
                "switchboard.novu.base-url=ftp://novu.example | switchboard.novu.base-url",
                "switchboard.ingest.write-keys=wk_good_key_1,,wk_good_key_2 | switchboard.ingest.writeKeys[1]",
                "switchboard.ingest.write-keys=short         | switchboard.ingest.writeKeys[0]",
                "switchboard.ingest.dedupe-window=soon        | switchboard.ingest.dedupe-window",
                "switchboard.ingest.commit-gather=-1ms        | switchboard.ingest.commit-gather",
                "switchboard.ingest.commit-gather=5s          | switchboard.ingest.commit-gather",
                "switchboard.ingest.batch-commit-writers=17   | switchboard.ingest.batch-commit-writers",
                "switchboard.novu.read-timeout=10 parsecs     | switchboard.novu.read-timeout",
            })
    void invalidSettingStopsTheStartNamingTheProperty(String setting, String property, CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SwitchboardApplication.class)
                        .profiles("test")
                        .run("--server.port=0", "--" + setting)
                        .close())
                .isInstanceOf(Exception.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains(property)
                .doesNotContain("\tat org.springframework");
    }
}
