package cn.shudi.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A photo of a request: JPEG or PNG, at most {@link #MAX_BYTES} bytes, at most {@link #MAX_PHOTOS} a request. The
 * bytes decide what it is, not the name or the type the sender claims: a file is an image when it starts as a JPEG or
 * PNG does and decodes as one, so anything else (a script, an archive, a document renamed .jpg) is refused.
 */
record Photo(String contentType, byte[] bytes) {

  static final int MAX_BYTES = 1024 * 1024;
  static final int MAX_PHOTOS = 3;
  /**
   * A photo may claim at most this many pixels (a phone's 48-megapixel camera fits): read from its header before it is
   * decoded, so a small file that claims a huge image (a decompression bomb) is refused without the memory it asks for.
   */
  static final long MAX_PIXELS = 50_000_000L;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /**
   * The photo of {@code bytes}, its type read from them.
   *
   * @param name how the sender named it, for the message
   * @throws IntakeRefusal when the photo is empty, too large or not a JPEG or PNG image
   */
  static Photo of(String name, byte[] bytes) {
    String label = "照片「" + name + "」";
    if (bytes == null || bytes.length == 0) {
      throw new IntakeRefusal(label + "是空的");
    }
    if (bytes.length > MAX_BYTES) {
      throw new IntakeRefusal(label + "有 " + kilobytes(bytes.length) + " KB，超过每张 " + kilobytes(MAX_BYTES)
          + " KB 的上限：请压缩后再上传");
    }
    String type = startsWith(bytes, JPEG) ? "image/jpeg" : startsWith(bytes, PNG) ? "image/png" : null;
    long pixels = type == null ? -1 : pixels(bytes);
    if (pixels > MAX_PIXELS) {
      throw new IntakeRefusal(label + "有 " + pixels / 1_000_000 + " 百万像素，超过 " + MAX_PIXELS / 1_000_000
          + " 百万像素的上限：请缩小后再上传");
    }
    if (pixels <= 0 || !decodes(bytes)) {
      throw new IntakeRefusal(label + "不是 JPEG 或 PNG 图片：只接受照片");
    }
    return new Photo(type, bytes);
  }

  /** @throws IntakeRefusal when there are more than {@link #MAX_PHOTOS} */
  static void requireCount(List<?> photos) {
    if (photos.size() > MAX_PHOTOS) {
      throw new IntakeRefusal("照片有 " + photos.size() + " 张，每件诉求最多 " + MAX_PHOTOS + " 张");
    }
  }

  String extension() {
    return contentType.substring(contentType.indexOf('/') + 1).toLowerCase(Locale.ROOT).replace("jpeg", "jpg");
  }

  private static boolean startsWith(byte[] bytes, byte[] magic) {
    return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
  }

  /** Width × height as the image's header states them; -1 when no JPEG or PNG reader can read the header. */
  private static long pixels(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return -1;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return (long) reader.getWidth(0) * reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean decodes(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes)) != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static long kilobytes(long bytes) {
    return (bytes + 1023) / 1024;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Photo p && p.contentType.equals(contentType) && Arrays.equals(p.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return contentType.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Photo[" + contentType + ", " + bytes.length + " bytes]";
  }
}
