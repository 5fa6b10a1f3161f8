package io.streammanager.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.streammanager.proto.ClockFace;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.TextStyle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LayerCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A real 2x2 PNG: left column red, right column blue. */
  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mP4zwAE/xkgFAAb8gP9P"
          + "pddpAAAAABJRU5ErkJggg==";

  private static final String COLOR_ALLOWED = ColorParser.ALLOWED;

  private static LayerCodec.Parsed parse(String json) throws IOException {
    return LayerCodec.parse(JSON.readTree(json), java.util.Set.of());
  }

  private static LayerCodec.Parsed ok(Layer layer) {
    return new LayerCodec.Parsed(LayerUpsert.newBuilder().setLayer(layer).build(), List.of());
  }

  private static LayerCodec.Parsed problems(FieldProblem... problems) {
    return new LayerCodec.Parsed(null, List.of(problems));
  }

  @Test
  void parse_colorLayer_givesFullFrameFill() throws IOException {
    assertThat(parse("{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#0000FF\"}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("bg")
                    .setColor(ColorFill.newBuilder().setRgba(0x0000FFFF))
                    .build()));
  }

  @Test
  void parse_rectLayer_givesBoxAndColor() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"box\",\"type\":\"rect\",\"x\":40,\"y\":40,\"width\":160,\"height\":120,"
                    + "\"color\":\"#FF0000\"}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("box")
                    .setX(40)
                    .setY(40)
                    .setWidth(160)
                    .setHeight(120)
                    .setRect(RectShape.newBuilder().setRgba(0xFF0000FF))
                    .build()));
  }

  @Test
  void parse_textLayer_givesTextSizeAndColor() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"t\",\"type\":\"text\",\"x\":20,\"y\":300,\"text\":\"Hello\",\"size\":32,"
                    + "\"color\":\"#FFFFFF\"}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("t")
                    .setX(20)
                    .setY(300)
                    .setText(
                        TextBlock.newBuilder()
                            .setText("Hello")
                            .setStyle(TextStyle.newBuilder().setSize(32).setRgba(0xFFFFFFFF)))
                    .build()));
  }

  @Test
  void parse_textLayerWithOnlyText_getsWhite32AndTheDefaultFont() throws IOException {
    assertThat(parse("{\"id\":\"t\",\"type\":\"text\",\"text\":\"Hi\\nthere\"}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("t")
                    .setText(
                        TextBlock.newBuilder()
                            .setText("Hi\nthere")
                            .setStyle(TextStyle.newBuilder().setSize(32).setRgba(0xFFFFFFFF)))
                    .build()));
  }

  @Test
  void parse_imageLayerWithPngDataUrl_carriesThePictureBytes() throws IOException {
    LayerCodec.Parsed parsed =
        parse(
            "{\"id\":\"logo\",\"type\":\"image\",\"x\":10,\"y\":20,"
                + "\"src\":\"data:image/png;base64,"
                + PNG_BASE64
                + "\"}");

    assertThat(parsed)
        .isEqualTo(
            new LayerCodec.Parsed(
                LayerUpsert.newBuilder()
                    .setLayer(
                        Layer.newBuilder()
                            .setId("logo")
                            .setX(10)
                            .setY(20)
                            .setImage(ImageRef.getDefaultInstance()))
                    .setImageData(ByteString.copyFrom(Base64.getDecoder().decode(PNG_BASE64)))
                    .build(),
                List.of()));
  }

  @Test
  void parse_imageLayerWithPngDataUrl_bytesDecodeToThePicture() throws IOException {
    LayerCodec.Parsed parsed =
        parse(
            "{\"id\":\"logo\",\"type\":\"image\",\"src\":\"data:image/png;base64,"
                + PNG_BASE64
                + "\"}");

    BufferedImage img =
        ImageIO.read(new ByteArrayInputStream(parsed.upsert().getImageData().toByteArray()));
    assertThat(new int[] {img.getWidth(), img.getHeight(), img.getRGB(0, 0), img.getRGB(1, 1)})
        .containsExactly(2, 2, 0xFFFF0000, 0xFF0000FF);
  }

  @Test
  void parse_clockLayerWithoutOptions_getsTheDefaults() throws IOException {
    assertThat(parse("{\"id\":\"c\",\"type\":\"clock\"}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("c")
                    .setClock(
                        ClockFace.newBuilder()
                            .setPattern("HH:mm:ss")
                            .setTimeZone("UTC")
                            .setStyle(TextStyle.newBuilder().setSize(32).setRgba(0xFFFFFFFF)))
                    .build()));
  }

  @Test
  void parse_clockLayerWithOptions_keepsThem() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"c\",\"type\":\"clock\",\"format\":\"HH:mm\",\"timeZone\":\"Europe/Paris\","
                    + "\"size\":48,\"color\":\"yellow\",\"font\":\"DejaVu Serif\",\"weight\":700}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("c")
                    .setClock(
                        ClockFace.newBuilder()
                            .setPattern("HH:mm")
                            .setTimeZone("Europe/Paris")
                            .setStyle(
                                TextStyle.newBuilder()
                                    .setSize(48)
                                    .setRgba(0xFFFF00FF)
                                    .setFontFamily("DejaVu Serif")
                                    .setWeight(700)))
                    .build()));
  }

  @Test
  void parse_commonOptionalFields_areCarried() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"red\",\"zIndex\":-2,\"opacity\":0.25,"
                    + "\"visible\":false}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("bg")
                    .setZIndex(-2)
                    .setOpacity(0.25)
                    .setVisible(false)
                    .setColor(ColorFill.newBuilder().setRgba(0xFF0000FF))
                    .build()));
  }

  @Test
  void parse_nullOptionalFields_countAsAbsent() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"red\",\"opacity\":null,\"x\":null}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("bg")
                    .setColor(ColorFill.newBuilder().setRgba(0xFF0000FF))
                    .build()));
  }

  @Test
  void parse_rectWithManyMistakes_reportsEveryProblemWithItsField() throws IOException {
    LayerCodec.Parsed parsed =
        parse(
            "{\"id\":\"bad id!\",\"type\":\"rect\",\"zIndex\":1.5,\"opacity\":2,"
                + "\"visible\":\"yes\",\"x\":\"left\",\"width\":-1,\"color\":\"#GGG\",\"radius\":4}");

    assertThat(parsed)
        .isEqualTo(
            problems(
                new FieldProblem(
                    "/id",
                    "id must be 1-64 characters of A-Z a-z 0-9 . _ - (not . or ..), was 'bad id!'"),
                new FieldProblem("/x", "x must be a number from -100000 to 100000, was \"left\""),
                new FieldProblem("/width", "width must be a number from 0 to 16384, was -1"),
                new FieldProblem("/opacity", "opacity must be a number from 0 to 1, was 2"),
                new FieldProblem(
                    "/zIndex", "zIndex must be an integer from -2147483648 to 2147483647, was 1.5"),
                new FieldProblem("/visible", "visible must be true or false, was \"yes\""),
                new FieldProblem(
                    "/radius",
                    "unknown field for a rect layer; allowed: anchorX, anchorY, blend, color, "
                        + "cornerRadius, crop, height, id, opacity, rotation, scaleX, scaleY, strokeColor, strokeWidth, type, "
                        + "visible, width, x, y, zIndex"),
                new FieldProblem("/color", "color must be " + COLOR_ALLOWED + ", was '#GGG'"),
                new FieldProblem("/height", "a rect needs width and height (pixels)")));
  }

  @Test
  void parse_emptyObject_reportsMissingIdAndType() throws IOException {
    assertThat(parse("{}"))
        .isEqualTo(
            problems(
                new FieldProblem(
                    "/id", "id is required: 1-64 characters of A-Z a-z 0-9 . _ - (not . or ..)"),
                new FieldProblem(
                    "/type",
                    "type must be one of color, rect, ellipse, text, image, clock, audio")));
  }

  @Test
  void parse_unknownType_reportsTheTypeAndSkipsKindChecks() throws IOException {
    assertThat(parse("{\"id\":\"c1\",\"type\":\"circle\",\"radius\":3}"))
        .isEqualTo(
            problems(
                new FieldProblem(
                    "/type",
                    "type must be one of color, rect, ellipse, text, image, clock, audio, was 'circle'")));
  }

  @Test
  void parse_notAnObject_saysTheBodyMustBeALayerObject() throws IOException {
    assertThat(parse("[1,2]"))
        .isEqualTo(
            problems(new FieldProblem("", "the body must be a JSON object describing a layer")));
  }

  @Test
  void parse_nullNode_saysTheBodyMustBeALayerObject() {
    assertThat(LayerCodec.parse(null, java.util.Set.of()))
        .isEqualTo(
            problems(new FieldProblem("", "the body must be a JSON object describing a layer")));
  }

  @Test
  void parse_colorLayerWithoutColor_saysColorIsRequired() throws IOException {
    assertThat(parse("{\"id\":\"bg\",\"type\":\"color\"}"))
        .isEqualTo(problems(new FieldProblem("/color", "color is required: " + COLOR_ALLOWED)));
  }

  @Test
  void parse_textLayerWithMistakes_reportsTextSizeColorAndFont() throws IOException {
    assertThat(parse("{\"id\":\"t\",\"type\":\"text\",\"size\":0,\"color\":5,\"font\":true}"))
        .isEqualTo(
            problems(
                new FieldProblem("/text", "text is required"),
                new FieldProblem("/font", "font must be a string, was true"),
                new FieldProblem("/size", "size must be a number from 1 to 1000, was 0"),
                new FieldProblem("/color", "color must be a string, was 5")));
  }

  @Test
  void parse_textLayerWithImageField_rejectsTheUnknownField() throws IOException {
    assertThat(parse("{\"id\":\"t\",\"type\":\"text\",\"text\":\"x\",\"src\":\"data:,\"}"))
        .isEqualTo(
            problems(
                new FieldProblem(
                    "/src",
                    "unknown field for a text layer; allowed: align, anchorX, anchorY, blend, color, "
                        + "crop, font, height, id, italic, lineHeight, maxWidth, opacity, outline, rotation, scaleX, scaleY, "
                        + "shadow, size, text, type, visible, weight, width, x, y, zIndex")));
  }

  @Test
  void parse_clockLayerWithBadFormatAndZone_reportsBoth() throws IOException {
    LayerCodec.Parsed parsed =
        parse(
            "{\"id\":\"c\",\"type\":\"clock\",\"format\":\"HH:mm:ss{\","
                + "\"timeZone\":\"Mars/Olympus\"}");

    assertThat(parsed.upsert()).isNull();
    assertThat(parsed.problems())
        .extracting(FieldProblem::field)
        .containsExactly("/format", "/timeZone");
    assertThat(parsed.problems().get(0).message())
        .startsWith("format must be a java.time pattern like HH:mm:ss: ");
    assertThat(parsed.problems().get(1))
        .isEqualTo(
            new FieldProblem(
                "/timeZone",
                "timeZone must be an IANA zone like UTC or Europe/Paris, was 'Mars/Olympus'"));
  }

  private static final String SHA = "ab".repeat(32);

  @Test
  void parse_audioLayer_givesTheClipWithVolumeLoopAndMute() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"music\",\"type\":\"audio\",\"src\":\"asset:"
                    + SHA
                    + "\",\"volume\":0.8,"
                    + "\"loop\":true,\"muted\":false}"))
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("music")
                    .setAudio(
                        io.streammanager.proto.AudioClip.newBuilder()
                            .setAssetId(SHA)
                            .setVolume(0.8)
                            .setLoop(true))
                    .build()));
  }

  @Test
  void toJson_audioLayer_roundTripsWithoutAPlace() throws IOException {
    String json =
        "{\"id\":\"music\",\"type\":\"audio\",\"src\":\"asset:"
            + SHA
            + "\",\"loop\":true,"
            + "\"muted\":true,\"volume\":0.5}";

    JsonNode written = LayerCodec.toJson(parse(json).upsert().getLayer());

    assertThat(written).isEqualTo(JSON.readTree(json));
    assertThat(parse(written.toString()).upsert().getLayer())
        .isEqualTo(parse(json).upsert().getLayer());
  }

  @Test
  void parse_audioWithADataUrlAndTooLoudAVolume_namesSrcAndVolume() throws IOException {
    assertThat(
            parse(
                "{\"id\":\"a\",\"type\":\"audio\",\"src\":\"data:audio/wav;base64,UklGRg==\","
                    + "\"volume\":1.5,\"loop\":\"yes\"}"))
        .isEqualTo(
            problems(
                new FieldProblem("/src", AudioSource.ALLOWED),
                new FieldProblem("/volume", "volume must be a number from 0 to 1, was 1.5"),
                new FieldProblem("/loop", "loop must be true or false, was \"yes\"")));
  }

  @Test
  void parse_audioTestTone_givesTheFrequencyAndRoundTrips() throws IOException {
    LayerCodec.Parsed parsed =
        parse("{\"id\":\"tone\",\"type\":\"audio\",\"src\":\"tone:440\",\"volume\":0.5}");

    assertThat(parsed)
        .isEqualTo(
            ok(
                Layer.newBuilder()
                    .setId("tone")
                    .setAudio(
                        io.streammanager.proto.AudioClip.newBuilder().setToneHz(440).setVolume(0.5))
                    .build()));
    assertThat(LayerCodec.toJson(parsed.upsert().getLayer()))
        .isEqualTo(
            JSON.readTree(
                "{\"id\":\"tone\",\"type\":\"audio\",\"src\":\"tone:440\",\"loop\":false,\"muted\":false,\"volume\":0.5}"));
  }

  @Test
  void parse_audioToneOutOfTheAudibleRange_saysWhatSrcMustBe() throws IOException {
    assertThat(parse("{\"id\":\"a\",\"type\":\"audio\",\"src\":\"tone:25000\"}"))
        .isEqualTo(problems(new FieldProblem("/src", AudioSource.ALLOWED)));
  }

  @Test
  void parse_audioWithoutSrc_saysWhatSrcMustBe() throws IOException {
    assertThat(parse("{\"id\":\"a\",\"type\":\"audio\"}"))
        .isEqualTo(problems(new FieldProblem("/src", AudioSource.ALLOWED)));
  }

  @Test
  void patchPaths_audioVolumeAndMute_nameTheClipFields() {
    List<FieldProblem> problems = new java.util.ArrayList<>();

    assertThat(LayerCodec.patchPaths("audio", List.of("volume", "muted", "src"), problems))
        .containsExactly("audio.volume", "audio.muted", "audio.asset_id", "audio.tone_hz");
    assertThat(problems).isEmpty();
  }

  @Test
  void parse_imageWithoutSrc_saysWhatSrcMustBe() throws IOException {
    assertThat(parse("{\"id\":\"i\",\"type\":\"image\"}"))
        .isEqualTo(problems(new FieldProblem("/src", ImageSource.ALLOWED)));
  }

  @Test
  void parse_imageWithHttpSrc_saysWhatSrcMustBe() throws IOException {
    assertThat(parse("{\"id\":\"i\",\"type\":\"image\",\"src\":\"https://example.com/logo.png\"}"))
        .isEqualTo(problems(new FieldProblem("/src", ImageSource.ALLOWED)));
  }

  @Test
  void parse_imageWithDataUrlNotBase64_saysWhatSrcMustBe() throws IOException {
    assertThat(parse("{\"id\":\"i\",\"type\":\"image\",\"src\":\"data:image/svg+xml,<svg/>\"}"))
        .isEqualTo(problems(new FieldProblem("/src", ImageSource.ALLOWED)));
  }

  @Test
  void parse_imageWithBrokenBase64_saysItDoesNotDecode() throws IOException {
    LayerCodec.Parsed parsed =
        parse("{\"id\":\"i\",\"type\":\"image\",\"src\":\"data:image/png;base64,iVBO=x\"}");

    assertThat(parsed.upsert()).isNull();
    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/src");
              assertThat(p.message()).startsWith("the base64 part of src does not decode: ");
            });
  }

  @Test
  void parse_imageOverTheSizeLimit_saysHowBigItIs() throws IOException {
    String big =
        Base64.getEncoder().encodeToString(new byte[LayerCodec.MAX_INLINE_IMAGE_BYTES + 1024]);

    assertThat(
            parse(
                "{\"id\":\"i\",\"type\":\"image\",\"src\":\"data:image/png;base64," + big + "\"}"))
        .isEqualTo(
            problems(
                new FieldProblem(
                    "/src",
                    "the picture is 901 KiB; at most 900 KiB can be sent inline (upload it with POST /api/assets and use asset:<id>)")));
  }

  @Test
  void parse_imageExactlyAtTheSizeLimit_isAccepted() throws IOException {
    byte[] bytes = new byte[LayerCodec.MAX_INLINE_IMAGE_BYTES];
    String src = Base64.getEncoder().encodeToString(bytes);

    LayerCodec.Parsed parsed =
        parse("{\"id\":\"i\",\"type\":\"image\",\"src\":\"data:image/png;base64," + src + "\"}");

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.upsert().getImageData().size()).isEqualTo(LayerCodec.MAX_INLINE_IMAGE_BYTES);
  }
}
