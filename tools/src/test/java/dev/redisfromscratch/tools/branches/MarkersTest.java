package dev.redisfromscratch.tools.branches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.tools.branches.Markers.MarkerException;
import dev.redisfromscratch.tools.branches.Markers.Side;
import org.junit.jupiter.api.Test;

class MarkersTest {
    private static final String ACCEPT_LOOP = """
            class Server {
                void serve() {
                    setUp();
                    // BEGIN SOLUTION
                    while (open) {
                        serveOne(accept());
                    }
                    // END SOLUTION
                    // STUB: throw new UnsupportedOperationException("TODO(lab1): write the accept loop");
                }

                // BEGIN SOLUTION
                private void serveOne(Socket s) {
                }
                // END SOLUTION

                int port() {
                    return port;
                }
            }
            """;

    @Test
    void theStarterLosesTheSolutionRegionsAndGetsTheStubsAtTheirIndentation() {
        assertThat(Markers.apply("Server.java", ACCEPT_LOOP, Side.STARTER)).hasValue("""
                class Server {
                    void serve() {
                        setUp();
                        throw new UnsupportedOperationException("TODO(lab1): write the accept loop");
                    }

                    int port() {
                        return port;
                    }
                }
                """);
    }

    private static final String TWO_STAGES = """
            class Loop {
                void frame() {
                    // BEGIN SOLUTION
                    split();
                    // END SOLUTION
                    // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 1: frame");
                }

                void serve() {
                    // BEGIN SOLUTION
                    accept();
                    // END SOLUTION
                    // STUB: throw new UnsupportedOperationException("TODO(lab1): stage 2: serve");
                }

                // BEGIN SOLUTION
                private void helper() {
                }
                // END SOLUTION
            }
            """;

    @Test
    void aStarterWithItsFirstStageWrittenKeepsThatStagesSolutionOnly() {
        assertThat(Markers.apply("Loop.java", TWO_STAGES, Side.STARTER, stage -> stage <= 1)).hasValue("""
                class Loop {
                    void frame() {
                        split();
                    }

                    void serve() {
                        throw new UnsupportedOperationException("TODO(lab1): stage 2: serve");
                    }

                    private void helper() {
                    }
                }
                """);
        assertThat(Markers.stageOf("// STUB: throw new UnsupportedOperationException(\"TODO(lab3): stage 12: x\");"))
                .isEqualTo(12);
        assertThat(Markers.stageOf("// STUB: throw new UnsupportedOperationException(\"TODO(lab3): x\");")).isZero();
    }

    @Test
    void theSolutionLosesOnlyTheMarkerLines() {
        assertThat(Markers.apply("Server.java", ACCEPT_LOOP, Side.SOLUTION)).hasValue("""
                class Server {
                    void serve() {
                        setUp();
                        while (open) {
                            serveOne(accept());
                        }
                    }

                    private void serveOne(Socket s) {
                    }

                    int port() {
                        return port;
                    }
                }
                """);
    }

    @Test
    void aSolutionFileIsMissingFromTheStarterAndUnmarkedInTheSolution() {
        String text = "// SOLUTION FILE\nclass Helper {\n}\n";
        assertThat(Markers.apply("Helper.java", text, Side.STARTER)).isEmpty();
        assertThat(Markers.apply("Helper.java", text, Side.SOLUTION)).hasValue("class Helper {\n}\n");
    }

    @Test
    void crlfLineEndsAndAMissingFinalNewlineAreKept() {
        String text = "a\r\n  // BEGIN SOLUTION\r\n  b\r\n  // END SOLUTION\r\n  // STUB: c;\r\nd";
        assertThat(Markers.apply("X.java", text, Side.STARTER)).hasValue("a\r\n  c;\r\nd");
        assertThat(Markers.apply("X.java", text, Side.SOLUTION)).hasValue("a\r\n  b\r\nd");
    }

    @Test
    void aFileWithoutMarkersIsTheSameOnBothSides() {
        String text = "class Plain {\n    // an ordinary comment about STUBs and solutions\n}\n";
        assertThat(Markers.apply("Plain.java", text, Side.STARTER)).hasValue(text);
        assertThat(Markers.apply("Plain.java", text, Side.SOLUTION)).hasValue(text);
    }

    @Test
    void misplacedMarkersNameTheFileAndLine() {
        assertThatThrownBy(() -> Markers.apply("A.java", "x\n// BEGIN SOLUTION\ny\n", Side.SOLUTION))
                .isInstanceOf(MarkerException.class).hasMessage("A.java:2: // BEGIN SOLUTION never closed by // END SOLUTION");
        assertThatThrownBy(() -> Markers.apply("A.java", "// END SOLUTION\n", Side.STARTER))
                .isInstanceOf(MarkerException.class).hasMessageStartingWith("A.java:1: // END SOLUTION without");
        assertThatThrownBy(() -> Markers.apply("A.java", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n", Side.STARTER))
                .isInstanceOf(MarkerException.class).hasMessageStartingWith("A.java:2: // BEGIN SOLUTION inside");
        assertThatThrownBy(() -> Markers.apply("A.java", "// BEGIN SOLUTION\n// STUB: x;\n// END SOLUTION\n", Side.STARTER))
                .isInstanceOf(MarkerException.class).hasMessageStartingWith("A.java:2: // STUB: inside");
    }

    @Test
    void aTypoInAMarkerIsAnErrorRatherThanALeak() {
        for (String typo : new String[] {"//BEGIN SOLUTION", "// BEGIN SOLUTIONS", "// END SOLUTION here", "// STUB:",
            "// STUB x;", "//STUB: x;", "// SOLUTION FILE!"}) {
            assertThatThrownBy(() -> Markers.apply("T.java", "  " + typo + "\n", Side.STARTER))
                    .as(typo).isInstanceOf(MarkerException.class).hasMessageContaining("T.java:1: not a marker");
        }
    }
}
