package kmemviz.core.cmd;

/** What a free call names: a script variable, or a literal kernel address. */
public record Target(String variable, long address) {
    public static Target variable(String name) { return new Target(name, 0); }

    public static Target address(long address) { return new Target(null, address); }

    public boolean isVariable() { return variable != null; }

    public String text() {
        if (isVariable()) return variable;
        return address == 0 ? "NULL" : "0x" + Long.toHexString(address);
    }
}
