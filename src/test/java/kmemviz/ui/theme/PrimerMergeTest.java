package kmemviz.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * How {@link PrimerMerge} folds a light and a dark sheet of the same lines into one: the palette under
 * {@code .root:dark}, a differing colour as a looked-up colour defined for both, any other differing value as a
 * {@code .root:dark} rule; and that it refuses sheets it cannot fold without changing which rule wins.
 */
class PrimerMergeTest {
    private static final String LIGHT = """
            .root {
              -color-base-1: #eaeef2;
              -color-base-6: #57606a;
            }
            .button {
              -color-button-bg-hover: -color-base-1;
              -fx-background-color: -color-base-1, transparent;
            }
            .tooltip {
              -fx-effect: dropshadow(three-pass-box, black, 6px, 0.3, 0, 2);
            }
            """;
    private static final String DARK = LIGHT.replace("#eaeef2", "#c9d1d9").replace("-color-button-bg-hover: -color-base-1", "-color-button-bg-hover: -color-base-6")
            .replace("-fx-background-color: -color-base-1, transparent", "-fx-background-color: -color-base-6, transparent").replace("6px, 0.3", "8px, 0.6");

    @Test
    void theDarkPaletteGoesUnderRootDarkAndADifferingColourBecomesALookup() {
        String merged = PrimerMerge.merge(LIGHT, DARK);
        assertThat(merged).contains("""
                .root {
                  -color-base-1: #eaeef2;
                  -color-base-6: #57606a;
                  -kmv-primer-1: -color-base-1;
                }
                .root:dark {
                  -color-base-1: #c9d1d9;
                  -kmv-primer-1: -color-base-6;
                }
                .button {
                  -color-button-bg-hover: -kmv-primer-1;
                  -fx-background-color: -kmv-primer-1, transparent;
                }
                """);
        assertThat(merged).as("the shadow's radius cannot be looked up").contains("""
                .tooltip {
                  -fx-effect: dropshadow(three-pass-box, black, 6px, 0.3, 0, 2);
                }
                """).endsWith("""
                .root:dark .tooltip {
                  -fx-effect: dropshadow(three-pass-box, black, 8px, 0.6, 0, 2);
                }
                """);
    }

    @Test
    void sheetsOfOtherShapesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> PrimerMerge.merge(LIGHT, DARK + ".extra {}\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one sheet with two palettes");
        assertThatThrownBy(() -> PrimerMerge.merge(LIGHT, DARK.replace("-color-button-bg-hover:", "-color-button-bg:")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 6").hasMessageContaining("not one property's two values");
    }

    @Test
    void aDarkRuleThatWouldBeatAnotherRuleOfTheSheetIsRefused() {
        String light = LIGHT + """
                .tooltip:hover {
                  -fx-effect: none;
                }
                """;
        String dark = DARK + """
                .tooltip:hover {
                  -fx-effect: none;
                }
                """;
        assertThatThrownBy(() -> PrimerMerge.merge(light, dark)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 10").hasMessageContaining("also sets it");
    }
}
