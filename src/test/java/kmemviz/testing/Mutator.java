package kmemviz.testing;

import java.util.List;
import java.util.Random;

/**
 * Mutated inputs for the parsers' fuzz tests: a seed with one to five small edits (a character deleted, one from the
 * format's own delimiters inserted or put in place of another, a piece of a seed spliced in). Seeded, so a failure
 * names a reproducible input.
 */
public final class Mutator {
    private final Random random;
    private final List<String> seeds;
    private final String alphabet;

    public Mutator(long seed, List<String> seeds, String alphabet) {
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
        this.alphabet = alphabet;
    }

    public String next() {
        StringBuilder b = new StringBuilder(pick());
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 2 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> {
                    String other = pick();
                    int from = random.nextInt(other.length());
                    b.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(40)));
                }
            }
        }
        return b.toString();
    }

    private String pick() { return seeds.get(random.nextInt(seeds.size())); }
}
