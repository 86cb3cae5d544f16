package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** What a photo must be: one test per rule {@link Photo#of} enforces. */
class PhotoTest {

  static byte[] png(int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void aSmallPngIsAPhoto() throws IOException {
    assertThat(Photo.of("现场.png", png(8)).contentType()).isEqualTo("image/png");
  }

  @Test
  void aFileThatOnlyStartsLikeAnImageIsRefused() {
    byte[] fake = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 'n', 'o', 't', ' ', 'a', ' ', 'j', 'p', 'e', 'g'};
    assertThatThrownBy(() -> Photo.of("现场.jpg", fake)).isInstanceOf(IntakeRefusal.class)
        .hasMessageContaining("不是 JPEG 或 PNG 图片");
  }

  @Test
  void aTextNamedLikeAPhotoIsRefused() {
    assertThatThrownBy(() -> Photo.of("现场.jpg", "<script>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("照片「现场.jpg」不是 JPEG 或 PNG 图片");
  }

  @Test
  void aSmallFileClaimingAHugeImageIsRefusedBeforeItIsDecoded() throws IOException {
    byte[] bomb = png(8);
    // the IHDR chunk follows the 8-byte signature: length (4), type (4), width (4), height (4), …, then its CRC
    ByteBuffer.wrap(bomb, 16, 8).putInt(40_000).putInt(40_000);
    CRC32 crc = new CRC32();
    crc.update(bomb, 12, 17);
    ByteBuffer.wrap(bomb, 29, 4).putInt((int) crc.getValue());

    assertThatThrownBy(() -> Photo.of("炸弹.png", bomb)).isInstanceOf(IntakeRefusal.class)
        .hasMessageContaining("1600 百万像素，超过 50 百万像素的上限");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> Photo.of("空.png", new byte[0])).hasMessageContaining("照片「空.png」是空的");
  }
}
