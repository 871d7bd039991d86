package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * A parser that can step back over an object's first field name, once: the snapshot reader looks
 * at the first field of each object in {@code "keys"} to tell a database marker
 * ({@code {"select":n}}) from a key, and, for a key, hands {@link SnapshotReader#readEntry} the
 * object as if nothing had been read of it (a streaming parser cannot peek).
 *
 * <p>After {@link #backToObjectStart()} the parser reports {@code START_OBJECT} as its current
 * token, and the next {@code nextToken()} (or {@code nextValue()}, {@code nextFieldName()}, ...)
 * gives the field name again. Everything else is the wrapped parser's.
 */
final class PushbackParser extends JsonParserDelegate {
    private boolean back;

    PushbackParser(JsonParser parser) {
        super(parser);
    }

    /** The parser is on an object's first token after its {@code START_OBJECT}: step back before it. */
    void backToObjectStart() {
        back = true;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (back) {
            back = false;
            return delegate.currentToken();
        }
        return delegate.nextToken();
    }

    @Override
    public JsonToken nextValue() throws IOException {
        if (back) {
            back = false;
            JsonToken t = delegate.currentToken();
            return t == JsonToken.FIELD_NAME ? delegate.nextToken() : t;
        }
        return delegate.nextValue();
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (back) { // skip the rest of the object, to its END_OBJECT
            back = false;
            for (JsonToken t = delegate.currentToken(); t != null && t != JsonToken.END_OBJECT; t = delegate.nextToken()) {
                if (t.isStructStart()) {
                    delegate.skipChildren(); // a field's object or array value
                }
            }
            return this;
        }
        return delegate.skipChildren();
    }

    @Override
    public JsonToken currentToken() {
        return back ? JsonToken.START_OBJECT : delegate.currentToken();
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return currentToken();
    }

    @Override
    public int currentTokenId() {
        return back ? JsonTokenId.ID_START_OBJECT : delegate.currentTokenId();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return back ? t == JsonToken.START_OBJECT : delegate.hasToken(t);
    }

    @Override
    public boolean hasTokenId(int id) {
        return back ? id == JsonTokenId.ID_START_OBJECT : delegate.hasTokenId(id);
    }

    @Override
    public boolean isExpectedStartObjectToken() {
        return back || delegate.isExpectedStartObjectToken();
    }
}
