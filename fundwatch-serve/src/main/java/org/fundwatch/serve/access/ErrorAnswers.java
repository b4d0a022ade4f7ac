package org.fundwatch.serve.access;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.fundwatch.serve.wire.Envelope;
import org.fundwatch.serve.wire.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of an endpoint as a national envelope ({@code infcode} -1): refusals with their status and
 * message, the framework's own 4xx (unknown path, wrong method, …) with theirs, and anything unexpected as 500
 * with an error id that the server log holds with the stack trace. No stack trace ever reaches a caller. Outside
 * the machine API ({@code /fsi}, {@code /api}) the same failures answer with the UI's error pages.
 */
@RestControllerAdvice
final class ErrorAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private final Clock clock;

    ErrorAnswers(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Envelope<Void>> refused(Refusal r, HttpServletRequest request) {
        return answer(request, r.code(), r.getMessage(), Optional.empty());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Void>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return answer(request, Refusal.Code.BAD_MESSAGE, "request body: unreadable", Optional.empty());
    }

    @ExceptionHandler(Exception.class)
    Object failed(Exception e, HttpServletRequest request) {
        if (!machineApi(request)) {
            return page(e, request);
        }
        if (e instanceof ErrorResponse framework && !framework.getStatusCode().is5xxServerError()) {
            int status = framework.getStatusCode().value();
            String detail = Optional.ofNullable(framework.getBody().getDetail()).orElse("HTTP " + status);
            return ResponseEntity.status(status).body(refusal(request, Refusal.Code.ofStatus(status), detail,
                    Optional.empty()));
        }
        String id = ErrorIds.next();
        LOG.error("error id {}: {} {} failed", id, request.getMethod(), request.getRequestURI(), e);
        request.setAttribute(ErrorIds.ATTRIBUTE, id);
        return answer(request, Refusal.Code.INTERNAL, ErrorIds.message(id), Optional.of(id));
    }

    private static boolean machineApi(HttpServletRequest request) {
        String path = request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse("");
        return path.startsWith("/fsi/") || path.startsWith("/api/");
    }

    /** A page of the UI: 403 for a role that may not, the framework's 4xx as they are, else 500 with an error id. */
    private ModelAndView page(Exception e, HttpServletRequest request) {
        if (e instanceof AccessDeniedException) {
            return new ModelAndView("error/403", HttpStatus.FORBIDDEN);
        }
        if (e instanceof ErrorResponse framework && !framework.getStatusCode().is5xxServerError()) {
            int status = framework.getStatusCode().value();
            return new ModelAndView(status == 404 ? "error/404" : status == 403 ? "error/403" : "error",
                    HttpStatus.valueOf(status));
        }
        String id = ErrorIds.next();
        LOG.error("error id {}: {} {} failed", id, request.getMethod(), request.getRequestURI(), e);
        ModelAndView page = new ModelAndView("error", HttpStatus.INTERNAL_SERVER_ERROR);
        page.addObject("errorId", id);
        return page;
    }

    private ResponseEntity<Envelope<Void>> answer(HttpServletRequest request, Refusal.Code code, String message,
                                                  Optional<String> errorId) {
        return ResponseEntity.status(code.status()).body(refusal(request, code, message, errorId));
    }

    private Envelope<Void> refusal(HttpServletRequest request, Refusal.Code code, String message,
                                   Optional<String> errorId) {
        LocalDateTime now = LocalDateTime.now(clock);
        Optional<Caller> caller = request.getAttribute(Caller.ATTRIBUTE) instanceof Caller c
                ? Optional.of(c) : Optional.empty();
        return Envelope.refused(code, message, errorId, caller.flatMap(Caller::msgid),
                caller.map(Caller::receivedAt).orElse(now), now);
    }
}
