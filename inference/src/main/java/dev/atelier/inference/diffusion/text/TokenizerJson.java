package dev.atelier.inference.diffusion.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.atelier.inference.models.ModelException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the tokenizer folder's JSON files, every problem reported as one line that names the file. */
final class TokenizerJson {

    private TokenizerJson() {}

    /** Returns {@code file}'s top-level object. */
    static JsonObject object(Path file) throws ModelException {
        JsonElement root;
        try {
            root = JsonParser.parseString(text(file));
        } catch (JsonParseException e) {
            throw problem(file, "is not valid JSON");
        }
        if (!root.isJsonObject()) {
            throw problem(file, "is not a JSON object");
        }
        return root.getAsJsonObject();
    }

    /** Returns {@code file} as UTF-8 text. */
    static String text(Path file) throws ModelException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "not found");
        } catch (CharacterCodingException e) {
            throw problem(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw problem(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Returns the one-line error for {@code file}. */
    static ModelException problem(Path file, String what) {
        return new ModelException(file + ": " + what);
    }
}
