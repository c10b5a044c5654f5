package org.cffi4j.internal.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import org.cffi4j.CdefOptions;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.layout.Primitives;

/**
 * What the parts of one cdef's parser share: the tokens, the table being filled, the options, the
 * {@code #pragma pack} stack, and the parts themselves (they call each other, as C's grammar does).
 */
final class ParseContext {
    final TokenStream tokens;
    final DeclarationTable table;
    /** The platform's types: every type the parser makes is laid out for the table's platform. */
    final Primitives primitives;

    final TypedefNames typedefs;
    final CdefOptions options;
    final Deque<Integer> packStack = new ArrayDeque<>();
    int currentPack;
    /**
     * The constants of the enums being defined, with the type and exact value each has until its
     * enum ends (gcc's rules: an {@code __int128} value, the type of a value that does not fit int).
     */
    final java.util.Map<String, ConstValue> enumeratorsBeingDefined = new java.util.HashMap<>();

    final ExpressionParser expressions;
    final AttributeParser attributes;
    final SpecifierParser specifiers;
    final DeclaratorParser declarators;
    final RecordParser records;
    final Registrar registrar;
    final Directives directives;

    ParseContext(TokenStream tokens, DeclarationTable table, CdefOptions options) {
        this.tokens = tokens;
        this.table = table;
        this.primitives = Primitives.of(table.abi());
        this.typedefs = new TypedefNames(table);
        this.options = options;
        this.currentPack = options.maxPack();
        this.expressions = new ExpressionParser(this);
        this.attributes = new AttributeParser(this);
        this.specifiers = new SpecifierParser(this);
        this.declarators = new DeclaratorParser(this);
        this.records = new RecordParser(this);
        this.registrar = new Registrar(this);
        this.directives = new Directives(this);
    }
}
