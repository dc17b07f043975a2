package io.leadhandoff.common.http;

import io.leadhandoff.common.error.ProblemException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A body must be well-formed UTF-8 (RFC 8259): JSON parsers quietly decode overlong and invalid
 * sequences into other characters, so a body is checked strictly before it is parsed; a broken one
 * is a 400 problem naming the byte.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("The body is not valid UTF-8 (at byte " + firstInvalidByte(body) + ")");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static int firstInvalidByte(byte[] body) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        var out = java.nio.CharBuffer.allocate(body.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : body.length;
    }
}
