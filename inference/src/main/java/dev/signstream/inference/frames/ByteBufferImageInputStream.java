package dev.signstream.inference.frames;

import java.nio.ByteBuffer;
import javax.imageio.stream.ImageInputStreamImpl;

/** An ImageIO input over a byte buffer's remaining bytes, read in place (no cache, no copy). */
final class ByteBufferImageInputStream extends ImageInputStreamImpl {

    private final ByteBuffer data;
    private final int start;
    private final int length;

    ByteBufferImageInputStream(ByteBuffer data) {
        this.data = data;
        this.start = data.position();
        this.length = data.remaining();
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return data.get(start + (int) streamPos++) & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int len) {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        data.get(start + (int) streamPos, target, offset, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
