package org.fundwatch.serve.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.fundwatch.serve.wire.Envelope;
import org.fundwatch.serve.wire.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge of every request but those for the OpenAPI description and its UI, in this order and before anything
 * is parsed: the API key (401), the key's rate (429), the body size (413, from {@code Content-Length} or by counting, the body
 * then held for the endpoint); then the endpoint runs with the {@link Caller} as a request attribute. Every
 * request, refused or not, gets one access-log line. A failure that escapes the endpoints becomes a 500 envelope
 * with an error id that the server log holds with the details.
 */
final class AccessFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);
    static final String KEY_HEADER = "X-API-Key";
    private static final String LOCAL_KEY_ID = "local";

    private final AccessSettings settings;
    private final AccessLog log;
    private final RateLimiter limiter;
    private final ObjectMapper mapper;
    private final Clock clock;

    AccessFilter(AccessSettings settings, AccessLog log, RateLimiter limiter, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.log = log;
        this.limiter = limiter;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        long start = System.nanoTime();
        LocalDateTime received = LocalDateTime.now(clock);
        String endpoint = request.getRequestURI();
        Caller caller = null;
        Optional<String> errorId = Optional.empty();
        try {
            HttpServletRequest forward = request;
            if (!open(request)) {
                ApiKeys.Key key = authenticate(request);
                caller = new Caller(key.id(), key.institution(), received);
                int rate = key.rateLimit().orElse(settings.rateLimit());
                if (!limiter.tryAcquire(caller.keyId(), rate)) {
                    response.setHeader("Retry-After", "1");
                    throw new Refusal(Refusal.Code.RATE_LIMITED, "more than " + rate
                            + " requests per second for API key " + caller.keyId() + "; retry after a second");
                }
                forward = new HeldBody(request, readBody(request));
                forward.setAttribute(Caller.ATTRIBUTE, caller);
            }
            chain.doFilter(forward, response);
        } catch (Refusal r) {
            write(response, Envelope.refused(r.code(), r.getMessage(), Optional.empty(),
                    caller == null ? Optional.empty() : caller.msgid(), received, LocalDateTime.now(clock)), r.code());
        } catch (IOException | ServletException | RuntimeException e) {
            errorId = Optional.of(ErrorIds.next());
            LOG.error("error id {}: {} {} failed", errorId.get(), request.getMethod(), endpoint, e);
            if (!response.isCommitted()) {
                response.reset();
                write(response, Envelope.refused(Refusal.Code.INTERNAL, ErrorIds.message(errorId.get()), errorId,
                        caller == null ? Optional.empty() : caller.msgid(), received, LocalDateTime.now(clock)),
                        Refusal.Code.INTERNAL);
            }
        } finally {
            Object failure = request.getAttribute(ErrorIds.ATTRIBUTE);
            if (errorId.isEmpty() && failure instanceof String id) {
                errorId = Optional.of(id);
            }
            log.record(new AccessLog.Entry(received.atZone(clock.getZone()).toInstant(),
                    Optional.ofNullable(caller).map(Caller::keyId),
                    Optional.ofNullable(caller).flatMap(Caller::institution), request.getMethod(), endpoint,
                    response.getStatus(), (System.nanoTime() - start) / 1_000,
                    caller == null ? Optional.empty() : caller.findings(), errorId));
        }
    }

    /**
     * Whether the request may go without a key: only the OpenAPI description and its UI. The decoded, normalised
     * path is checked, so no spelling of an endpoint's path escapes the key.
     */
    private static boolean open(HttpServletRequest request) {
        String path = request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse("");
        return path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/") || path.equals("/swagger-ui.html")
                || path.startsWith("/swagger-ui/");
    }

    private ApiKeys.Key authenticate(HttpServletRequest request) {
        if (settings.keys().isEmpty()) {
            return new ApiKeys.Key(LOCAL_KEY_ID, Optional.empty(), OptionalInt.empty());
        }
        String key = request.getHeader(KEY_HEADER);
        if (key == null || key.isBlank()) {
            throw new Refusal(Refusal.Code.UNAUTHENTICATED,
                    KEY_HEADER + ": missing; every request to /api and /fsi needs the calling institution's key");
        }
        return settings.keys().get().find(key.strip()).orElseThrow(() ->
                new Refusal(Refusal.Code.UNAUTHENTICATED, KEY_HEADER + ": unknown key"));
    }

    /**
     * The whole body, refused with 413 before it is parsed when it is larger than the limit, and with 415 when it
     * is sent as a form (which the servlet container would read as parameters).
     */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            throw new Refusal(Refusal.Code.UNSUPPORTED_MEDIA_TYPE, "Content-Type: " + request.getContentType()
                    + " is a form; send the message as application/json");
        }
        long declared = request.getContentLengthLong();
        if (declared > settings.maxBody()) {
            throw tooLarge(declared + " bytes");
        }
        InputStream in = request.getInputStream();
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBody() + 1));
        if (body.length > settings.maxBody()) {
            throw tooLarge("more than " + settings.maxBody() + " bytes");
        }
        return body;
    }

    private Refusal tooLarge(String size) {
        return new Refusal(Refusal.Code.PAYLOAD_TOO_LARGE, "request body: " + size + " is above the limit of "
                + settings.maxBody() + " bytes");
    }

    private void write(HttpServletResponse response, Envelope<?> envelope, Refusal.Code code) throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        mapper.writeValue(response.getOutputStream(), envelope);
    }

    /** The request with its body already read (and counted), handed to the endpoint. */
    private static final class HeldBody extends HttpServletRequestWrapper {
        private final byte[] body;

        HeldBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
