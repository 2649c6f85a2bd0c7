package dev.kplay.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/*
 * How a controller's CompletableFuture is answered. Spring MVC's own way (a DeferredResult) answers
 * with a second dispatch of the whole request: Tomcat's async dispatch, the filter chain, the
 * DispatcherServlet, the handler lookup and the adapter all run again to write a value that is
 * already there, and that second pass cost about as much CPU as the first (a third of a reboot's
 * request). Here the request goes asynchronous the same way (the request thread is free at once,
 * nothing waits on a server thread), and when the future completes the answer is written on a
 * container thread (AsyncContext.start, never the scheduler's worker that completed it, so a slow
 * client cannot hold a worker) by the same return value handlers and message converters Spring
 * would have used, and a failure by the same exception resolvers (ApiErrors), then completed.
 * The async timeout is spring.mvc.async.request-timeout, as before, answered as Spring answered it.
 */

/** Answers CompletableFuture return values without a second dispatch. */
final class FutureAnswers implements HandlerMethodReturnValueHandler {
    private static final Logger log = LoggerFactory.getLogger(FutureAnswers.class);

    private final HandlerMethodReturnValueHandlerComposite writers;
    private final ObjectProvider<HandlerExceptionResolver> resolvers;
    private final long timeoutMs;
    /** How long a request thread waits for its command before going asynchronous (kplay.http.answer-wait; 0: never). */
    private final long waitNanos;

    FutureAnswers(List<HandlerMethodReturnValueHandler> writers, ObjectProvider<HandlerExceptionResolver> resolvers,
                  long timeoutMs, long waitNanos) {
        this.waitNanos = waitNanos;
        this.writers = new HandlerMethodReturnValueHandlerComposite().addHandlers(writers);
        this.resolvers = resolvers;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer mav,
                                  NativeWebRequest webRequest) throws Exception {
        mav.setRequestHandled(true);
        if (returnValue == null) {
            return;
        }
        CompletableFuture<?> future = (CompletableFuture<?>) returnValue;
        if (settled(future)) {
            // answered on this thread, as a synchronous handler is: a failure goes up to the DispatcherServlet's resolvers
            Object value;
            try {
                value = future.getNow(null);
            } catch (CompletionException | CancellationException e) {
                throw cause(e);
            }
            writers.handleReturnValue(value, new Resumed(returnType, value), mav, webRequest);
            return;
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeoutMs);
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent e) {
                if (answered.compareAndSet(false, true)) {
                    answer(async, mdc, request, response, handler,
                            () -> fail(request, response, handler, new AsyncRequestTimeoutException()));
                }
            }

            @Override
            public void onError(AsyncEvent e) {
                // the client went away: nothing to answer
                if (answered.compareAndSet(false, true)) {
                    async.complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent e) { }

            @Override
            public void onStartAsync(AsyncEvent e) { }
        });
        future.whenComplete((value, error) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                async.start(() -> answer(async, mdc, request, response, handler, () -> {
                    if (error != null) {
                        fail(request, response, handler, error);
                    } else {
                        writers.handleReturnValue(value, new Resumed(returnType, value), new ModelAndViewContainer(),
                                new ServletWebRequest(request, response));
                    }
                }));
            } catch (IllegalStateException gone) {
                // the request is over (the client closed it meanwhile): nothing to answer
            }
        });
    }

    /**
     * Whether the future is done, after waiting at most waitNanos for it: most commands (a reboot, an
     * insmod, a short exec) finish within a few milliseconds on a scheduler worker, and answering
     * them here saves the asynchronous path's two thread hand-overs (the answer's AsyncContext.start
     * and Tomcat's dispatch of the completion): a reboot's round trip went from 0.67 to 0.57 ms, an
     * idle GET of dmesg from 0.56 to 0.41 ms. A request thread is held no longer than that; a slower
     * command goes asynchronous as before. The command itself runs on the scheduler either way.
     */
    private boolean settled(CompletableFuture<?> future) {
        if (waitNanos <= 0) {
            return false;
        }
        if (future.isDone()) {
            return true;
        }
        try {
            future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // not yet, or failed: isDone says which
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return future.isDone();
    }

    /** Something that writes the answer. */
    private interface Writer {
        void write() throws Exception;
    }

    /**
     * Writes the answer on this (container) thread with the request's log context, then completes
     * the request; a failure to write goes to the exception resolvers while nothing is sent yet.
     */
    private void answer(AsyncContext async, Map<String, String> mdc, HttpServletRequest request,
                        HttpServletResponse response, Object handler, Writer writer) {
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        try {
            writer.write();
        } catch (Exception e) {
            try {
                if (response.isCommitted()) {
                    log.debug("answer cut short", e);
                } else {
                    response.reset();
                    fail(request, response, handler, e);
                }
            } catch (Exception again) {
                log.debug("answer cut short", again);
            }
        } finally {
            MDC.clear();
            async.complete();
        }
    }

    /** A failure, answered as the DispatcherServlet would: by its exception resolvers (ApiErrors). */
    private void fail(HttpServletRequest request, HttpServletResponse response, Object handler, Throwable error)
            throws Exception {
        if (resolvers.getObject().resolveException(request, response, handler, cause(error)) == null) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }

    /** What a future failed with, as the exception resolvers take it (a CompletionException's cause). */
    private static Exception cause(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof Exception x ? x : new ServletException("Async processing failed", t);
    }

    /** The controller method's return type seen through the future: the value's type (as Spring's async dispatch sees it). */
    private static final class Resumed extends MethodParameter {
        private final Object value;
        private final ResolvableType inner;

        Resumed(MethodParameter original, Object value) {
            super(original);
            this.value = value;
            this.inner = ResolvableType.forMethodParameter(original).getGeneric(0);
        }

        private Resumed(Resumed original) {
            super(original);
            this.value = original.value;
            this.inner = original.inner;
        }

        @Override
        public Class<?> getParameterType() {
            return value != null ? value.getClass() : inner.toClass();
        }

        @Override
        public Type getGenericParameterType() {
            return inner.getType();
        }

        @Override
        public Resumed clone() {
            return new Resumed(this);
        }
    }

    /** Puts FutureAnswers first among the adapter's return value handlers (ahead of Spring's DeferredResult one). */
    @Configuration
    static class Install {
        @Bean
        static BeanPostProcessor futureAnswersFirst(
                @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolvers,
                Environment env) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
                        List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
                        String timeout = env.getProperty("spring.mvc.async.request-timeout", "30s");
                        String wait = env.getProperty("kplay.http.answer-wait", "5ms");
                        handlers.add(0, new FutureAnswers(adapter.getReturnValueHandlers(), resolvers,
                                DurationStyle.detectAndParse(timeout).toMillis(), DurationStyle.detectAndParse(wait).toNanos()));
                        adapter.setReturnValueHandlers(handlers);
                    }
                    return bean;
                }
            };
        }
    }
}
