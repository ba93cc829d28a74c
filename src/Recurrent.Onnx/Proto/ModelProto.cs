using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// onnx.ModelProto: ir_version = 1 (int64), producer_name = 2, producer_version = 3, doc_string = 6, graph = 7,
/// opset_import = 8 (OperatorSetIdProto: domain = 1, version = 2), metadata_props = 14 (StringStringEntryProto:
/// key = 1, value = 2).
/// </summary>
internal sealed class ModelProto : ProtoMessage
{
    public long IrVersion { get; init; }
    public string ProducerName { get; init; } = "";
    public string ProducerVersion { get; init; } = "";
    public string DocString { get; init; } = "";
    public required GraphProto Graph { get; init; }

    /// <summary>(domain, version) pairs; "" is the default ONNX domain.</summary>
    public List<(string Domain, long Version)> OpsetImports { get; } = [];
    public List<KeyValuePair<string, string>> MetadataProps { get; } = [];

    public override void WriteTo(CodedOutputStream output)
    {
        WriteInt64(output, 1, IrVersion);
        WriteString(output, 2, ProducerName);
        WriteString(output, 3, ProducerVersion);
        WriteString(output, 6, DocString);
        WriteMessage(output, 7, Graph);
        foreach (var (domain, version) in OpsetImports) WriteMessage(output, 8, new OpsetId(domain, version));
        foreach (var entry in MetadataProps) WriteMessage(output, 14, new Entry(entry.Key, entry.Value));
    }

    private sealed class OpsetId(string domain, long version) : ProtoMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            WriteString(output, 1, domain);
            WriteInt64(output, 2, version);
        }
    }

    private sealed class Entry(string key, string value) : ProtoMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            WriteString(output, 1, key);
            WriteStringAlways(output, 2, value);
        }
    }
}
