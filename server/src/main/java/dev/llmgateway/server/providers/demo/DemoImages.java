package dev.llmgateway.server.providers.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Draws the demo's images: a deterministic colour gradient seeded from the prompt, encoded as PNG with
 * the JDK's own encoder. Not a picture of anything; it proves the bytes and MIME type travel end to end.
 */
final class DemoImages {
  private DemoImages() {}

  static byte[] png(String prompt, int index, int width, int height) {
    SplittableRandom random = new SplittableRandom(prompt.hashCode() * 31L + index);
    int from = random.nextInt(0x1000000);
    int to = random.nextInt(0x1000000);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double t = (x + y) / (double) Math.max(1, width + height - 2);
        image.setRGB(x, y, mix(from, to, t));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      // Writing to memory cannot fail for I/O reasons.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int mix(int a, int b, double t) {
    int r = (int) (((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
    int g = (int) (((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
    int bl = (int) ((a & 0xff) * (1 - t) + (b & 0xff) * t);
    return (r << 16) | (g << 8) | bl;
  }

  static long promptTokens(String prompt) {
    return (prompt.getBytes(StandardCharsets.UTF_8).length + 3) / 4;
  }
}
