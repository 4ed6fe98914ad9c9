package dev.llmgateway.server.cache;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a cached answer: the time it was stored (8 bytes, epoch milliseconds, big-endian), then
 * the answer: one message, or for a stream its chunks, each length-delimited, in order.
 */
final class StoredAnswer {
  private static final int HEADER = Long.BYTES;

  private StoredAnswer() {}

  /** Returns the stored form of one message. */
  static byte[] of(long storedAtMillis, MessageLite message) {
    byte[] out = new byte[HEADER + message.getSerializedSize()];
    ByteBuffer.wrap(out).putLong(storedAtMillis);
    CodedOutputStream coded = CodedOutputStream.newInstance(out, HEADER, out.length - HEADER);
    write(coded, () -> message.writeTo(coded));
    return out;
  }

  /** Returns the stored form of a stream's chunks. */
  static byte[] ofChunks(long storedAtMillis, List<CompleteStreamResponse> chunks) {
    int size = HEADER;
    for (CompleteStreamResponse chunk : chunks) {
      size += CodedOutputStream.computeUInt32SizeNoTag(chunk.getSerializedSize()) + chunk.getSerializedSize();
    }
    byte[] out = new byte[size];
    ByteBuffer.wrap(out).putLong(storedAtMillis);
    CodedOutputStream coded = CodedOutputStream.newInstance(out, HEADER, size - HEADER);
    write(coded, () -> {
      for (CompleteStreamResponse chunk : chunks) {
        coded.writeUInt32NoTag(chunk.getSerializedSize());
        chunk.writeTo(coded);
      }
    });
    return out;
  }

  /** Returns when {@code stored} was stored, in epoch milliseconds. */
  static long storedAt(byte[] stored) throws InvalidProtocolBufferException {
    if (stored.length < HEADER) {
      throw new InvalidProtocolBufferException("stored answer shorter than its header");
    }
    return ByteBuffer.wrap(stored).getLong();
  }

  /** Returns the message part of {@code stored}, for the caller's parser. */
  static CodedInputStream body(byte[] stored) throws InvalidProtocolBufferException {
    storedAt(stored);
    return CodedInputStream.newInstance(stored, HEADER, stored.length - HEADER);
  }

  /** Returns the chunks of a stored stream. */
  static List<CompleteStreamResponse> chunks(byte[] stored) throws IOException {
    CodedInputStream in = body(stored);
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    while (!in.isAtEnd()) {
      int length = in.readRawVarint32();
      int limit = in.pushLimit(length);
      chunks.add(CompleteStreamResponse.parseFrom(in));
      in.popLimit(limit);
    }
    return chunks;
  }

  @FunctionalInterface
  private interface Writing {
    void run() throws IOException;
  }

  private static void write(CodedOutputStream coded, Writing body) {
    try {
      body.run();
      coded.checkNoSpaceLeft();
    } catch (IOException e) {
      // The array was sized from the messages themselves; running out of room is a bug.
      throw new IllegalStateException("stored answer size mismatch", e);
    }
  }
}
