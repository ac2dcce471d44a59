"""The learned span tagger: a small transformer (all-MiniLM-L6-v2, fine-tuned on PolNeAR train)
that marks source, cue and content tokens; exported to int8 ONNX and run with onnxruntime.

``windows`` turns text into overlapping word-piece windows and back into character spans,
``tagger`` runs the shipped model, ``grouping`` turns tagged spans into statement frames, and
``train`` (needs ``requirements/train.txt``) rebuilds the model: ``make train``.
"""
