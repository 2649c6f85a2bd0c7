package dev.kplay.vm;


/*
 * The interpreter's own opcode numbers. Code.decode maps each Op to one of these once, so the
 * inner loop switches on int constants (a plain tableswitch) and does not depend on the enum's
 * declaration order. The switch in of() is exhaustive, so an Op added to the ISA fails to compile
 * here until the CPU implements it.
 */

/** Internal opcodes. */
final class Opcodes {
    static final int CONST = 0,
            LOCAL = 1,
            SYM = 2,
            LD1S = 3,
            LD1U = 4,
            LD2S = 5,
            LD2U = 6,
            LD4S = 7,
            LD4U = 8,
            LD8 = 9,
            ST1 = 10,
            ST2 = 11,
            ST4 = 12,
            ST8 = 13,
            COPY = 14,
            ZERO = 15,
            DUP = 16,
            DROP = 17,
            SWAP = 18,
            ADD = 19,
            SUB = 20,
            MUL = 21,
            DIVS = 22,
            DIVU = 23,
            REMS = 24,
            REMU = 25,
            AND = 26,
            OR = 27,
            XOR = 28,
            SHL = 29,
            SHRS = 30,
            SHRU = 31,
            EQ = 32,
            NE = 33,
            LTS = 34,
            LTU = 35,
            LES = 36,
            LEU = 37,
            GTS = 38,
            GTU = 39,
            GES = 40,
            GEU = 41,
            NEG = 42,
            NOT = 43,
            LNOT = 44,
            SEXT = 45,
            ZEXT = 46,
            JMP = 47,
            JZ = 48,
            JNZ = 49,
            CALL = 50,
            CALLI = 51,
            RET = 52,
            VASTART = 53,
            TRAP = 54,
            LINE = 55;

    private Opcodes() {}

    /** The internal opcode of op. */
    static int of(Op op) {
        return switch (op) {
            case CONST -> CONST;
            case LOCAL -> LOCAL;
            case SYM -> SYM;
            case LD1S -> LD1S;
            case LD1U -> LD1U;
            case LD2S -> LD2S;
            case LD2U -> LD2U;
            case LD4S -> LD4S;
            case LD4U -> LD4U;
            case LD8 -> LD8;
            case ST1 -> ST1;
            case ST2 -> ST2;
            case ST4 -> ST4;
            case ST8 -> ST8;
            case COPY -> COPY;
            case ZERO -> ZERO;
            case DUP -> DUP;
            case DROP -> DROP;
            case SWAP -> SWAP;
            case ADD -> ADD;
            case SUB -> SUB;
            case MUL -> MUL;
            case DIVS -> DIVS;
            case DIVU -> DIVU;
            case REMS -> REMS;
            case REMU -> REMU;
            case AND -> AND;
            case OR -> OR;
            case XOR -> XOR;
            case SHL -> SHL;
            case SHRS -> SHRS;
            case SHRU -> SHRU;
            case EQ -> EQ;
            case NE -> NE;
            case LTS -> LTS;
            case LTU -> LTU;
            case LES -> LES;
            case LEU -> LEU;
            case GTS -> GTS;
            case GTU -> GTU;
            case GES -> GES;
            case GEU -> GEU;
            case NEG -> NEG;
            case NOT -> NOT;
            case LNOT -> LNOT;
            case SEXT -> SEXT;
            case ZEXT -> ZEXT;
            case JMP -> JMP;
            case JZ -> JZ;
            case JNZ -> JNZ;
            case CALL -> CALL;
            case CALLI -> CALLI;
            case RET -> RET;
            case VASTART -> VASTART;
            case TRAP -> TRAP;
            case LINE -> LINE;
        };
    }
}
