package org.cffi4j.internal.layout;

import java.util.List;
import org.cffi4j.ctype.StructType;

/**
 * A struct or union body as declared, the input of the layout engine.
 *
 * @param name the type's C name, for error messages
 * @param kind struct or union
 * @param members the members in declaration order
 * @param packed {@code __attribute__((packed))} on the type (or {@code CdefOptions.packed()})
 * @param alignedAttr the alignment of {@code __attribute__((aligned(N)))} on the type, 0 if none
 * @param maxPack the {@code #pragma pack(N)} in force where the body was declared, 0 if none
 */
public record RecordSpec(
        String name, StructType.Kind kind, List<MemberSpec> members, boolean packed, long alignedAttr, int maxPack) {

    /** Copies the member list so that the spec stays immutable. */
    public RecordSpec {
        members = List.copyOf(members);
    }
}
