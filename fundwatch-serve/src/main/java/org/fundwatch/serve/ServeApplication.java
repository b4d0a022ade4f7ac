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
import java.time.Clock;
import org.fundwatch.serve.access.AccessConfiguration;
import org.fundwatch.serve.feedback.FeedbackConfiguration;
import org.fundwatch.serve.fsi.FsiConfiguration;
import org.fundwatch.serve.review.ReviewConfiguration;
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
@Import({AccessConfiguration.class, ReviewConfiguration.class, FsiConfiguration.class, FeedbackConfiguration.class})
@OpenAPIDefinition(info = @Info(title = "Fundwatch real-time review (事前提醒/事中审核)", version = "0.1.0",
        description = "National 3101/3102/3103 compatible review of visits while ordering and in settlement, and "
                + "the same review in Fundwatch JSON. Every request needs the calling institution's X-API-Key; "
                + "errors answer with the national envelope (infcode -1, err_msg naming the field).",
        license = @License(name = "open source")))
@SecurityScheme(name = "api-key", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-API-Key")
class ServeApplication {

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
