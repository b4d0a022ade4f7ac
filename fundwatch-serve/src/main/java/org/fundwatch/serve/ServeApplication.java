package org.fundwatch.serve;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fundwatch.serve.wire.Envelope;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.fundwatch.serve.access.AccessConfiguration;
import org.fundwatch.serve.feedback.FeedbackConfiguration;
import org.fundwatch.serve.fsi.FsiConfiguration;
import org.fundwatch.serve.review.ReviewConfiguration;
import org.fundwatch.serve.web.ApiSecurity;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The Spring application: Boot's auto-configuration for the embedded server, MVC and the OpenAPI description, and
 * the features imported by name — no component scanning. The evaluator, the access settings, the dictionary
 * mapping and the feedback store are built by {@link ReviewServer} from the options and handed in as beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({AccessConfiguration.class, ApiSecurity.class, ReviewConfiguration.class, FsiConfiguration.class,
        FeedbackConfiguration.class})
@OpenAPIDefinition(info = @Info(title = "Fundwatch real-time review (事前提醒/事中审核)", version = "0.1.0",
        description = "National 3101/3102/3103 compatible review of visits while ordering and in settlement, and "
                + "the same review in Fundwatch JSON. Every request needs the calling institution's X-API-Key; "
                + "errors answer with the national envelope (infcode -1, err_msg naming the field).",
        license = @License(name = "open source")))
@SecurityScheme(name = "api-key", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-API-Key")
class ServeApplication {
    /** The refusals every endpoint may answer, each as the national envelope ({@code infcode} -1). */
    private static final Map<String, String> REFUSALS = refusals();

    private static Map<String, String> refusals() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("400", "Malformed JSON or a missing, wrongly-typed or out-of-range field: err_msg names it");
        m.put("401", "No or unknown X-API-Key");
        m.put("403", "Another institution's data");
        m.put("413", "Body above the limit");
        m.put("429", "Above the key's rate; retry after a second");
        m.put("500", "Unexpected failure; error_id is in the server log");
        return m;
    }

    /** Documents the refusals on every operation once, instead of on every controller. */
    @Bean
    OpenApiCustomizer refusalResponses() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            ModelConverters.getInstance().read(Envelope.class).forEach(api.getComponents()::addSchemas);
            Content envelope = new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Envelope")));
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> REFUSALS.forEach(
                    (code, text) -> op.getResponses().putIfAbsent(code,
                            new ApiResponse().description(text).content(envelope)))));
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * Strict reading (duplicate keys and trailing tokens refused, decimals exact), amounts written plainly
     * ({@code 12.60}, never {@code 1.26E+1}).
     */
    @Bean
    ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }
}
