package org.cffi4j.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cffi4j.internal.message.Suggestions;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> LIBC = List.of("strlen", "strnlen", "strcpy", "strchr", "abs", "labs", "qsort");

    @Test
    void aMissingLetterIsFound() {
        assertEquals("; did you mean 'strlen'?", Suggestions.didYouMean("strln", LIBC));
    }

    @Test
    void swappedNeighboursAreOneEdit() {
        assertEquals("; did you mean 'qsort'?", Suggestions.didYouMean("qsrot", LIBC));
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstWhateverTheOrder() {
        assertEquals("abs", Suggestions.nearest("xabs", List.of("labs", "abs")));
        assertEquals("abs", Suggestions.nearest("xabs", List.of("abs", "labs")));
    }

    @Test
    void farNamesAreNotSuggested() {
        assertEquals("", Suggestions.didYouMean("memcpy", LIBC));
        assertEquals("", Suggestions.didYouMean("x", List.of("abs")));
    }

    @Test
    void shortNamesAllowOneEditLongerNamesMore() {
        assertEquals("abs", Suggestions.nearest("abz", List.of("abs")));
        assertEquals(null, Suggestions.nearest("azz", List.of("abs")));
        assertEquals("sqlite3_open", Suggestions.nearest("sqlite_open", List.of("sqlite3_open", "sqlite3_close")));
        assertEquals("sqlite3_prepare_v2", Suggestions.nearest("sqlite3_prepre_v3", List.of("sqlite3_prepare_v2")));
    }

    @Test
    void aOneLetterNameIsNoTypoOfAnotherLetter() {
        assertEquals("", Suggestions.didYouMean("z", List.of("x", "y")));
        assertEquals("; did you mean 'xy'?", Suggestions.didYouMean("x", List.of("xy")));
    }

    @Test
    void theNameItselfIsNoSuggestion() {
        assertEquals("", Suggestions.didYouMean("abs", List.of("abs")));
    }
}
