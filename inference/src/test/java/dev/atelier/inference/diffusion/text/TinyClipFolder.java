package dev.atelier.inference.diffusion.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tiny tokenizer of transformers' CLIP tokenizer tests (ids 0..22, three merges), written into a folder. */
final class TinyClipFolder {

    static final List<String> VOCAB = List.of("l", "o", "w", "e", "r", "s", "t", "i", "d", "n", "lo", "l</w>", "w</w>",
            "r</w>", "t</w>", "low</w>", "er</w>", "lowest</w>", "newer</w>", "wider", "<unk>", "<|startoftext|>",
            "<|endoftext|>");
    static final String MERGES = "#version: 0.2\nl o\nlo w</w>\ne r</w>\n";
    static final int UNK = 20;
    static final int BOS = 21;
    static final int EOS = 22;

    private TinyClipFolder() {}

    /** Writes vocab.json, merges.txt and a special_tokens_map.json naming {@code <unk>}; returns {@code dir}. */
    static Path write(Path dir) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < VOCAB.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(VOCAB.get(i)).append("\":").append(i);
        }
        write(dir, ClipVocabulary.VOCAB, json.append('}').toString());
        write(dir, ClipVocabulary.MERGES, MERGES);
        write(dir, SpecialTokens.MAP, "{\"unk_token\": \"<unk>\"}");
        return dir;
    }

    static void write(Path dir, String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
